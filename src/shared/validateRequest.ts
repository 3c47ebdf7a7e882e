import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { compileSchema, describeAjvError } from './ajv.js';
import { BadRequestError } from './errors.js';

type Schema = { $id: string } & object;

/**
 * Validate the parts of a request against JSON Schemas before the handler sees them; a failure
 * is a 400 that names each offending field.
 */
export function validateRequest(schemas: { params?: Schema; query?: Schema; body?: Schema }): RequestHandler {
  const validators = Object.entries(schemas).map(([part, schema]) => [part as 'params' | 'query' | 'body', compileSchema(schema)] as const);
  return (req: Request, _res: Response, next: NextFunction) => {
    for (const [part, validate] of validators) {
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
