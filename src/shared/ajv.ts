import { Ajv2020 } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';

// ajv-formats ships CommonJS with a default export; under NodeNext the callable sits on .default.
const addFormats = addFormatsModule.default as unknown as (instance: Ajv2020) => Ajv2020;

/**
 * One ajv instance for the whole process: compiling schemas is the expensive part, and ajv
 * caches compiled schemas per instance (keyed by $id), so sharing it makes every compile count.
 */
export const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);

export type { ErrorObject, ValidateFunction };

/** Compile once per schema $id and reuse. */
export function compileSchema<T>(schema: { $id: string } & object): ValidateFunction<T> {
  const existing = ajv.getSchema<T>(schema.$id);
  if (existing) return existing;
  return ajv.compile<T>(schema);
}

/** "/sections/2/items/0/scale" → human-readable JSON path "$.sections[2].items[0].scale". */
export function jsonPointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  return '$' + pointer.split('/').slice(1).map((raw) => {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }).join('');
}

/** Turn an ajv error into "where: what" that a person can act on. */
export function describeAjvError(error: ErrorObject): { path: string; message: string } {
  let path = jsonPointerToPath(error.instancePath);
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    message = `must have property "${(error.params as { missingProperty: string }).missingProperty}"`;
  } else if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    message = `has unknown property "${extra}"`;
  } else if (error.keyword === 'enum') {
    message = `must be one of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`;
  } else if (error.keyword === 'const') {
    message = `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
  }
  if (path === '') path = '$';
  return { path, message };
}
