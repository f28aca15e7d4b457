import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/server/openapi/document';
import { API_TYPES_FILE, generateApiTypes } from '@/scripts/openapi/client-types';

// Issue 18, item 3: the TypeScript client example (docs/examples/typescript) is typed from a
// committed accord-api.d.ts. Regenerated here in memory from the current document, with the same
// function `npm run api:types` uses: a route, parameter or answer changed without regenerating
// fails this test, so the example cannot type-check against an API that no longer exists.
describe('docs/examples/typescript/accord-api.d.ts', () => {
  it('is what `npm run api:types` generates from the current OpenAPI document', async () => {
    const committed = fs.readFileSync(API_TYPES_FILE, 'utf8');
    const current = await generateApiTypes(openApiDocument());
    // A short message instead of a 7,000-line diff; the command fixes it.
    expect(committed === current, `${API_TYPES_FILE} is stale: run \`npm run api:types\` and commit it.`).toBe(true);
  });
});
