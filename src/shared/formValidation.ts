import { compileSchema, type ErrorObject } from './ajv.js';

export type FieldErrors = Record<string, string>;

/** Danish messages for admin forms, one per field, from ajv's errors. */
function danishMessage(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return 'Skal udfyldes.';
    case 'format': return params.format === 'email' ? 'Skriv en gyldig e-mailadresse.' : 'Ugyldigt format.';
    case 'minLength': return Number(params.limit) <= 1 ? 'Skal udfyldes.' : `Skal være mindst ${String(params.limit)} tegn.`;
    case 'maxLength': return `Må højst være ${String(params.limit)} tegn.`;
    case 'enum': return 'Vælg en af mulighederne.';
    case 'pattern': return 'Ugyldigt format.';
    case 'minimum': return `Må ikke være mindre end ${String(params.limit)}.`;
    case 'maximum': return `Må ikke være større end ${String(params.limit)}.`;
    case 'type': return params.type === 'integer' || params.type === 'number' ? 'Skriv et tal.' : 'Ugyldig værdi.';
    case 'maxItems': return `Højst ${String(params.limit)}.`;
    case 'minItems': return `Mindst ${String(params.limit)}.`;
    case 'uniqueItems': return 'Den samme værdi står flere gange.';
    case 'additionalProperties': return 'Formularen indeholder et felt, Pejling ikke kender.';
    default: return 'Ugyldig værdi.';
  }
}

/**
 * Validate a submitted admin form against a JSON Schema (the same schema the JSON API uses) and
 * return the value or one Danish message per field, for re-rendering the form beside its fields.
 */
export function validateForm<T>(schema: { $id: string } & object, body: unknown): { ok: true; value: T } | { ok: false; errors: FieldErrors } {
  const validate = compileSchema<T>(schema);
  if (validate(body)) return { ok: true, value: body };
  const errors: FieldErrors = {};
  for (const error of validate.errors ?? []) {
    const field = error.keyword === 'required' ? String((error.params as { missingProperty: string }).missingProperty) : error.instancePath.split('/')[1] ?? '';
    errors[field] ??= danishMessage(error);
  }
  return { ok: false, errors };
}
