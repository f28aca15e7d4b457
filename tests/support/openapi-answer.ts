import { openApiDocument } from '@/server/openapi/document';
import { answerChecker } from './openapi-check';

let check: ReturnType<typeof answerChecker> | undefined;

/**
 * What the OpenAPI document says is wrong with a route handler's answer (status, media type, body,
 * documented header fields), for the tests that produce a status the contract plan cannot
 * (tests/support/openapi-contract.ts, UNTESTED): the answer is read from a clone.
 */
export async function documentProblems(method: string, path: string, response: Response): Promise<string[]> {
  check ??= answerChecker(openApiDocument());
  const contentType = response.headers.get('content-type');
  const text = await response.clone().text();
  const body = contentType?.includes('json') && !contentType.includes('ndjson') ? (JSON.parse(text) as unknown) : text;
  return check({ method, path, status: response.status, contentType, body, headers: response.headers });
}
