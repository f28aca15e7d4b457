// TypeScript types of the API, generated from the OpenAPI document (issue 18, item 3) with
// openapi-typescript, for clients such as docs/examples/typescript/example.ts (openapi-fetch).
// One function for `npm run api:types` (scripts/api-types.ts, which writes the file) and for
// tests/unit/api-types.test.ts (which fails when the committed file is stale): both generate
// the very same text, so "stale" means the document changed and nobody regenerated.
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';

export const API_TYPES_FILE = 'docs/examples/typescript/accord-api.d.ts';

/** The .d.ts text for an OpenAPI 3.1 document (as openApiDocument() builds it). */
export async function generateApiTypes(document: unknown): Promise<string> {
  // A deep copy: the generator's bundler annotates the object it is given.
  const ast = await openapiTS(structuredClone(document) as OpenAPI3, { silent: true });
  return `${COMMENT_HEADER}// Regenerate with \`npm run api:types\` (from server/openapi/document.ts); tests/unit/api-types.test.ts fails while it is stale.\n\n${astToString(ast)}`;
}
