import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Checks an answer against the OpenAPI document (issue 18) with a standard JSON Schema validator:
 * Ajv in its draft 2020-12 mode (the dialect of OpenAPI 3.1) with ajv-formats (date, date-time…).
 * The status must be documented for the operation, the media type among the documented ones, and
 * a JSON body must match the documented schema, every key of it (the answer schemas forbid others).
 */
export type Answer = { method: string; path: string; status: number; contentType: string | null; body: unknown };
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

const BASE = 'https://accord.test/openapi.json';
const pointer = (...segments: string[]) => segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export function answerChecker(doc: object) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema({ ...doc, $id: BASE });
  const compiled = new Map<string, ValidateFunction>();

  return function problems(answer: Answer): string[] {
    const where = `${answer.method} ${answer.path} → ${answer.status}`;
    const operation = (doc as Doc).paths[answer.path]?.[answer.method.toLowerCase()];
    if (!operation) return [`${answer.method} ${answer.path} is not in the document`];
    const response = operation.responses[String(answer.status)] ?? operation.responses.default;
    if (!response) return [`${where}: status not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    const media = (answer.contentType ?? '').split(';')[0]!.trim();
    const documented = Object.keys(response.content ?? {});
    if (!documented.length) return media || (answer.body !== null && answer.body !== '') ? [`${where}: documented without a body, answered ${media || 'a body'}`] : [];
    if (!documented.includes(media) && !documented.includes('application/octet-stream')) return [`${where}: answered ${media || 'no type'}, documented ${documented.join(', ')}`];
    if (media !== 'application/json') return [];
    const ref = `${BASE}#/${pointer('paths', answer.path, answer.method.toLowerCase(), 'responses', String(answer.status), 'content', 'application/json', 'schema')}`;
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.getSchema(ref);
      if (!validate) return [`${where}: the document's schema could not be compiled`];
      compiled.set(ref, validate);
    }
    if (validate(answer.body)) return [];
    return (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
  };
}
