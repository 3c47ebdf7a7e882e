/** Small builders so capability files describe their endpoints without repeating boilerplate. */
export const json = (schema: object) => ({ content: { 'application/json': { schema } } });
export const errorResponse = (description: string) => ({ description, ...json({ $ref: '#/components/schemas/Error' }) });
export const security = [{ bearerAuth: [] }, { sessionCookie: [] }];
export const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } });

/** A request schema as an OpenAPI component: without `$id` and the HTML forms' `_csrf`. */
export function component<T extends { $id: string }>(schema: T): object {
  const { $id: _id, ...rest } = schema as T & { properties?: Record<string, unknown> };
  if (!rest.properties) return rest;
  const { _csrf: _form, ...properties } = rest.properties;
  return { ...rest, properties };
}

export const signedInErrors = { 401: errorResponse('Not signed in'), 403: errorResponse('Not allowed for this role') };
