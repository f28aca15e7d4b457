import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Checks an answer against the OpenAPI document (issue 18) with a standard JSON Schema validator:
 * Ajv in its draft 2020-12 mode (the dialect of OpenAPI 3.1) with ajv-formats (date, date-time…).
 * The status must be documented for the operation, the media type among the documented ones, and
 * a JSON body must match the documented schema, every key of it (the answer schemas forbid others).
 * A stream of JSON lines (`application/x-ndjson`) is checked line by line against its schema, which
 * describes one line. When the answer's header fields are given, every field the document lists for
 * that answer must be there and match its schema: the test servers run with the rate limits on, so
 * the RateLimit-* fields, which the document marks as not required (an operator may turn the limits
 * off), are expected too.
 */
export type Answer = {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
  /** The answer's header fields (a Fetch `Headers`, or a plain object with lower-case names as Playwright gives them). */
  headers?: Headers | Record<string, string>;
};
type Json = Record<string, unknown>;
type Response = { content?: Record<string, unknown>; headers?: Record<string, Json> };
type Doc = { paths: Record<string, Record<string, { responses: Record<string, Response> }>> };

const BASE = 'https://accord.test/openapi.json';
const NDJSON = 'application/x-ndjson';
const pointer = (...segments: string[]) => segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export function answerChecker(doc: object) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: BASE });
  const compiled = new Map<string, ValidateFunction>();
  /** The validator of the schema at a place in the document (JSON pointer, so `$ref`s resolve as in any OpenAPI tool). */
  const validatorAt = (...segments: string[]) => {
    const ref = `${BASE}#/${pointer(...segments)}`;
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.getSchema(ref);
      if (validate) compiled.set(ref, validate);
    }
    return validate;
  };
  const messages = (where: string, validate: ValidateFunction) =>
    (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  /** A `$ref` inside the document (`#/components/headers/…`), followed. */
  const resolve = (value: Json): Json => {
    const ref = value.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return value;
    return ref.slice(2).split('/').reduce<Json>((node, s) => node[s.replaceAll('~1', '/').replaceAll('~0', '~')] as Json, doc as Json);
  };

  /** The documented header fields: each present, its value of its schema (a number where the schema says integer). */
  function headerProblems(where: string, response: Response, headers: NonNullable<Answer['headers']>): string[] {
    const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name.toLowerCase()] ?? null);
    return Object.entries(response.headers ?? {}).flatMap(([name, declared]) => {
      const value = get(name);
      if (value === null) return [`${where}: header ${name} is documented but missing`];
      const schema = resolve(declared).schema as Json | undefined;
      if (!schema) return [];
      const typed = (schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      const key = `header:${JSON.stringify(schema)}`;
      let validate = compiled.get(key);
      if (!validate) compiled.set(key, (validate = ajv.compile(schema)));
      return validate(typed) ? [] : messages(`${where}: header ${name}=${JSON.stringify(value)}`, validate);
    });
  }

  return function problems(answer: Answer): string[] {
    const where = `${answer.method} ${answer.path} → ${answer.status}`;
    const method = answer.method.toLowerCase();
    const operation = (doc as Doc).paths[answer.path]?.[method];
    if (!operation) return [`${answer.method} ${answer.path} is not in the document`];
    const status = operation.responses[String(answer.status)] ? String(answer.status) : 'default';
    const response = operation.responses[status];
    if (!response) return [`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    const found = answer.headers ? headerProblems(where, response, answer.headers) : [];
    const media = (answer.contentType ?? '').split(';')[0]!.trim();
    const documented = Object.keys(response.content ?? {});
    if (!documented.length) return [...found, ...(media || (answer.body !== null && answer.body !== '') ? [`${where}: documented without a body, answered ${media || 'a body'}`] : [])];
    if (!documented.includes(media) && !documented.includes('application/octet-stream')) return [...found, `${where}: answered ${media || 'no type'}, documented ${documented.join(', ')}`];
    if (media !== 'application/json' && media !== NDJSON) return found;
    const validate = validatorAt('paths', answer.path, method, 'responses', status, 'content', media, 'schema');
    if (!validate) return [...found, `${where}: the document's schema could not be compiled`];
    if (media === 'application/json') return validate(answer.body) ? found : [...found, ...messages(where, validate)];
    // A JSON value per line, each of the one-line schema; a stream with no line at all is not an answer.
    if (typeof answer.body !== 'string') return [...found, `${where}: a ${NDJSON} body must be given as text`];
    const lines = answer.body.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
    if (!lines.length) return [...found, `${where}: an empty ${NDJSON} stream`];
    return [...found, ...lines.flatMap((line, i) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return [`${where}: line ${i + 1} is not JSON: ${line.slice(0, 80)}`];
      }
      return validate(value) ? [] : messages(`${where}, line ${i + 1}`, validate);
    })];
  };
}
