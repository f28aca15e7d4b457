import 'server-only';
import { z } from 'zod';
import { answers } from '@/lib/schemas/answers/common';
import { isWrite, ROLE_PERMISSIONS, type Permission } from '@/lib/permissions';
import { INTERNAL_ROLES } from '@/lib/domain';
import type { Answer, MediaBody, Method, Operation, OperationKey } from './operation';
import { DEAL_OPERATIONS } from './operations-deals';
import { WORKSPACE_OPERATIONS } from './operations-workspace';

/**
 * The OpenAPI 3.1 document of /api/v1 (issue 18), served at GET /api/v1/openapi.json and rendered at
 * /docs/api. Built from the table of operations (./operations-*.ts) with zod 4's own JSON Schema
 * output (`z.toJSONSchema`, draft 2020-12, which OpenAPI 3.1 uses): request bodies from the schemas
 * the routes parse (`io: 'input'`), answers from lib/schemas/answers (`io: 'output'`: exactly the
 * keys sent). docs/decisions/019-openapi.md says why.
 */
export const OPERATIONS = { ...DEAL_OPERATIONS, ...WORKSPACE_OPERATIONS } as Record<OperationKey, Operation>;

type Json = Record<string, unknown>;
const COMPONENT = '#/components/schemas/';
const HEADER = '#/components/headers/';

/**
 * What zod writes that a reader would take for the API's own words, taken out: a long regular
 * expression beside `format: date` and `date-time` (the format says it, and validators check it), and
 * the safe-integer bounds ±(2^53 − 1) beside every `.int()` that has no bound of its own. Scalar's
 * reference shows an integer's `minimum` as its example, so every `version`, count and size read
 * `-9007199254740991`; without the bound it shows 1, and a bound of our own (`.nonnegative()`) shows 0.
 */
function withoutZodDefaults<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(withoutZodDefaults);
  else if (value && typeof value === 'object') {
    const o = value as Json;
    if ((o.format === 'date' || o.format === 'date-time') && typeof o.pattern === 'string') delete o.pattern;
    if (o.minimum === Number.MIN_SAFE_INTEGER) delete o.minimum;
    if (o.maximum === Number.MAX_SAFE_INTEGER) delete o.maximum;
    Object.values(o).forEach(withoutZodDefaults);
  }
  return value;
}

/** JSON Schema of one zod schema; shared answer schemas become references to components/schemas. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const named = answers.get(schema)?.id;
  if (named && io === 'output') return { $ref: `${COMPONENT}${named}` };
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', metadata: answers }) as Json;
  delete out.$schema;
  delete out.$defs; // every named schema is in components/schemas already
  return withoutZodDefaults(JSON.parse(JSON.stringify(out).replaceAll('"#/$defs/', `"${COMPONENT}`)) as Json);
}

function components(): Json {
  const { schemas } = z.toJSONSchema(answers, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any', uri: (id) => `${COMPONENT}${id}` }) as { schemas: Record<string, Json> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return withoutZodDefaults(schemas);
}

/** May someone who is signed in be refused? (a role without the permission, a read-only token, a partner user) */
function canBeForbidden(permission: Permission, partners: boolean): boolean {
  return !partners || isWrite(permission) || INTERNAL_ROLES.some((role) => !ROLE_PERMISSIONS[role].includes(permission));
}

const ERROR_WORDS: Record<number, string> = {
  400: 'A bad query parameter.',
  401: 'No, unknown, revoked or expired token (or session), or its owner is deactivated.',
  403: 'The role, a read-only token or a partner account may not do this.',
  404: 'No such thing, or one the caller may not see (reads exactly like one that never existed).',
  422: 'The body is not valid: `fieldErrors` names each field.',
  429: 'Over the rate limit of the token or its owner (docs/api.md, Rate limits): nothing was run; retry after `Retry-After` seconds.',
  503: 'The database is unavailable: nothing was changed; retry after `Retry-After` seconds.',
};

/** Every error status of an operation, generic and its own. */
export function errorStatuses(key: OperationKey, op: Operation): Record<number, string | Answer> {
  const out: Record<number, string | Answer> = {};
  if (op.permission) {
    out[401] = ERROR_WORDS[401]!;
    if (canBeForbidden(op.permission, op.partners ?? false)) out[403] = ERROR_WORDS[403]!;
  }
  if (key.includes('{')) out[404] = ERROR_WORDS[404]!;
  if (op.body && op.body instanceof z.ZodType) out[422] = ERROR_WORDS[422]!;
  Object.assign(out, op.errors ?? {});
  if (op.permission) {
    out[429] = ERROR_WORDS[429]!;
    out[503] = ERROR_WORDS[503]!;
  }
  return out;
}

/**
 * Header fields several answers carry, written once under components/headers (issue 18). The
 * RateLimit-* fields are on every answer after authentication (server/api/handler.ts apiRoute,
 * errors included; not a 401, not a 503 that came before the count), unless the operator turned
 * both limits off; `required` says what a client may rely on whatever the configuration. The
 * contract test (tests/support/openapi-check.ts) checks that each listed field is on the answer
 * and matches its schema.
 */
const HEADERS: Record<string, Json> = {
  'RateLimit-Limit': {
    description: 'Requests allowed per window by the limit closest to running out (the token’s or its owner’s; docs/api.md, Rate limits). Not sent when the server’s limits are turned off.',
    schema: { type: 'integer', minimum: 1 }, example: 600,
  },
  'RateLimit-Remaining': {
    description: 'Requests left in the current window under that limit (draft-ietf-httpapi-ratelimit-headers-06).',
    schema: { type: 'integer', minimum: 0 }, example: 412,
  },
  'RateLimit-Reset': {
    description: 'Seconds until the window ends and the count starts again.',
    schema: { type: 'integer', minimum: 1 }, example: 17,
  },
  'RateLimit-Policy': {
    description: 'That limit and its window: `<limit>;w=<seconds>`.',
    schema: { type: 'string', pattern: '^[0-9]+;w=[0-9]+$' }, example: '600;w=60',
  },
  'Retry-After': {
    description: 'Seconds to wait before sending the request again (RFC 9110, section 10.2.3).',
    required: true, schema: { type: 'integer', minimum: 1 }, example: 17,
  },
  'WWW-Authenticate': {
    description: 'The scheme to authenticate with: a bearer token (RFC 6750).',
    required: true, schema: { type: 'string', const: 'Bearer realm="accord"' },
  },
};
const RATE_LIMIT_FIELDS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy'];

/** The shared header fields an answer of a signed-in operation carries, by its status. */
function sharedHeaders(status: number): string[] {
  if (status === 401) return ['WWW-Authenticate'];
  if (status === 503) return ['Retry-After'];
  return status === 429 ? [...RATE_LIMIT_FIELDS, 'Retry-After'] : RATE_LIMIT_FIELDS;
}

function response(answer: string | Answer, status: number): Json {
  if (typeof answer === 'string') return { description: answer, content: { 'application/json': { schema: { $ref: `${COMPONENT}Error` } } } };
  const content: Json = {};
  if (answer.json) content['application/json'] = { schema: schemaOf(answer.json, 'output') };
  for (const [media, file] of Object.entries(answer.files ?? {})) {
    content[media] = { schema: file.binary ? { type: 'string', contentMediaType: media, description: file.description } : { type: 'string', description: file.description } };
  }
  if (answer.ndjson) content['application/x-ndjson'] = { schema: { ...schemaOf(answer.ndjson.line, 'output'), description: answer.ndjson.description } };
  if (!answer.json && !answer.files && status >= 400) content['application/json'] = { schema: { $ref: `${COMPONENT}Error` } };
  const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([name, description]) => [name, { description, required: true, schema: { type: 'string' } }]));
  return { description: answer.description, ...(Object.keys(content).length ? { content } : {}), ...(answer.headers ? { headers } : {}) };
}

function parameters(path: string, query: z.ZodObject | undefined): Json[] {
  const inPath = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name, in: 'path', required: true, schema: { type: 'string', maxLength: name === 'slug' ? 200 : 64 },
    description: name === 'slug' ? 'The partnership’s web address, like `apple-pay-alipay`.' : name === 'code' ? 'A region code, like `HK`.' : 'The id, as answers give it.',
  }));
  if (!query) return inPath;
  const schema = schemaOf(query, 'input') as { properties?: Record<string, Json>; required?: string[] };
  const inQuery = Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: (schema.required ?? []).includes(name) && !('default' in rest), ...(description ? { description } : {}), schema: rest };
  });
  return [...inPath, ...inQuery];
}

function requestBody(body: Operation['body']): Json | undefined {
  if (!body) return undefined;
  if (body instanceof z.ZodType) return { required: true, content: { 'application/json': { schema: schemaOf(body, 'input') } } };
  const media = body as MediaBody;
  if (media.media === 'text/csv') {
    return { required: true, description: media.description, content: { 'text/csv': { schema: { type: 'string' } }, 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'text/csv' } }, required: ['file'] } } } };
  }
  const fields = media.fields ? (schemaOf(media.fields, 'input') as { properties?: Json }).properties : {};
  return {
    required: true, description: media.description,
    content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' }, ...fields }, required: ['file'] } } },
  };
}

function operation(key: OperationKey, op: Operation): Json {
  const [, path] = key.split(' ') as [Method, string];
  const body = requestBody(op.body);
  const responses: Json = {};
  for (const [status, answer] of Object.entries(op.ok)) responses[status] = response(answer, Number(status));
  for (const [status, answer] of Object.entries(errorStatuses(key, op))) responses[status] = response(answer, Number(status));
  if (op.permission) {
    for (const [status, answer] of Object.entries(responses) as [string, Json][]) {
      const shared = Object.fromEntries(sharedHeaders(Number(status)).map((name) => [name, { $ref: `${HEADER}${name}` }]));
      answer.headers = { ...(answer.headers as Json | undefined), ...shared };
    }
  }
  const who = op.permission ? `Needs \`${op.permission}\`${op.partners ? '; open to partner users (their own deals only)' : ''}.` : 'No sign-in needed.';
  return {
    operationId: key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, ''),
    summary: op.summary,
    description: [op.description, who].filter(Boolean).join('\n\n'),
    tags: [op.tag],
    ...(op.permission ? {} : { security: [] }),
    parameters: parameters(path, op.query),
    ...(body ? { requestBody: body } : {}),
    responses,
    'x-accord-permission': op.permission,
    'x-accord-partners': op.partners ?? false,
  };
}

/** The whole document; built once per process (it only changes with the code). */
let built: Json | undefined;
export function openApiDocument(): Json {
  if (built) return built;
  const paths: Record<string, Json> = {};
  for (const [key, op] of Object.entries(OPERATIONS) as [OperationKey, Operation][]) {
    const [method, path] = key.split(' ') as [Method, string];
    (paths[path] ??= {})[method.toLowerCase()] = operation(key, op);
  }
  built = {
    openapi: '3.1.1',
    info: {
      title: 'Accord API',
      version: '1',
      summary: 'Partnerships, their plans, regulatory gates, rollouts and metrics.',
      description: 'JSON over HTTPS. Authenticate with a personal API token (the API tokens page) as `Authorization: Bearer acc_…`, or a browser session. A token acts with its owner’s permissions; a read-only token cannot make changes. Errors are JSON `{ "error": "…" }` with details per status. See also docs/api.md.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/', description: 'This Accord' }],
    security: [{ bearerToken: [] }, { session: [] }],
    tags: [...new Set(Object.values(OPERATIONS).map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components(),
      headers: HEADERS,
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', bearerFormat: 'acc_…', description: 'A personal API token (the API tokens page, or `npm run accord -- token create`).' },
        session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token', description: 'A browser session (sign in at /sign-in); changes must come from this site (Origin).' },
      },
    },
  };
  return built;
}
