import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { compileSchema, describeAjvError } from './ajv.js';
import { BadRequestError } from './errors.js';

type Schema = { $id: string; properties?: Record<string, unknown> } & object;

/**
 * An admin page's address may carry parameters its schema does not know (a success marker such
 * as `?imported=12`, a tracking parameter, an old bookmark): the page ignores them instead of
 * refusing the whole page. The JSON API stays strict.
 */
function withoutUnknownPageParameters(req: Request, schema: Schema): void {
  if (!req.path.startsWith('/admin') || !schema.properties) return;
  const known = schema.properties;
  const query = Object.fromEntries(Object.entries(req.query).filter(([key]) => Object.hasOwn(known, key)));
  // Express 5 computes req.query on every read; an own property replaces that for this request.
  Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
}

/**
 * Validate the parts of a request against JSON Schemas before the handler sees them; a failure
 * is a 400 that names each offending field.
 */
export function validateRequest(schemas: { params?: Schema; query?: Schema; body?: Schema }): RequestHandler {
  const validators = Object.entries(schemas).map(([part, schema]) => [part as 'params' | 'query' | 'body', schema, compileSchema(schema)] as const);
  return (req: Request, _res: Response, next: NextFunction) => {
    for (const [part, schema, validate] of validators) {
      if (part === 'query') withoutUnknownPageParameters(req, schema);
      const value = part === 'body' ? (req.body ?? {}) : req[part];
      if (!validate(value)) {
        const details = (validate.errors ?? []).map((error) => {
          const { path, message } = describeAjvError(error);
          return { field: `${part}${path.slice(1)}` || part, message };
        });
        throw new BadRequestError(`Invalid request ${part}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details, 'invalid_request');
      }
    }
    next();
  };
}
