import * as z from 'zod';

/**
 * The OpenAPI 3 document of /api/v1, generated from the same zod schemas the endpoints validate with.
 * Each domain lists its endpoints in an `EndpointSpec[]` and adds it to SPECS below.
 */
export interface EndpointSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. /api/v1/programmes/{id}. */
  path: string;
  summary: string;
  tag: string;
  auth: 'public' | 'signed-in';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Non-JSON responses (Word, Excel). */
  produces?: string;
  errors?: number[];
}

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.record(z.string(), z.unknown()).optional()
  })
});

const specs: EndpointSpec[][] = [];

export function registerSpecs(list: EndpointSpec[]): void {
  specs.push(list);
}

function schemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s
  }));
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input (field errors)',
  401: 'Not signed in',
  403: 'Not allowed for this user',
  404: 'Not found',
  409: 'Conflict: stale version or locked record',
  413: 'Too large',
  415: 'Unsupported file type',
  429: 'Too many attempts'
};

export function buildOpenApi(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs.flat()) {
    const responses: Record<string, unknown> = {
      '200': spec.produces
        ? { description: 'OK', content: { [spec.produces]: { schema: { type: 'string', format: 'binary' } } } }
        : { description: 'OK', content: { 'application/json': { schema: spec.response ? schemaOf(spec.response) : {} } } }
    };
    const errors = new Set([...(spec.errors ?? []), 400, ...(spec.auth === 'signed-in' ? [401, 403] : [])]);
    for (const status of [...errors].sort()) {
      responses[String(status)] = { description: STATUS_TEXT[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    paths[spec.path] ??= {};
    paths[spec.path][spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.auth === 'signed-in' ? { security: [{ session: [] }, { bearer: [] }] } : {}),
      parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(spec.body) } } } } : {}),
      responses
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'RSP API',
      version,
      description: 'JSON API of RSP, the system for regional service programmes. Errors are { error: { code, message, fields? } }.'
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: schemaOf(errorSchema) },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'rsp_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token created on the profile page' }
      }
    }
  };
}
