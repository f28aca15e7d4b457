// `npm run api:types`: regenerates docs/examples/typescript/accord-api.d.ts from the OpenAPI
// document the app serves at /api/v1/openapi.json, without a running server (issue 18, item 3).
import fs from 'node:fs';
import { openApiDocument } from '@/server/openapi/document';
import { API_TYPES_FILE, generateApiTypes } from './openapi/client-types';

const text = await generateApiTypes(openApiDocument());
const before = fs.existsSync(API_TYPES_FILE) ? fs.readFileSync(API_TYPES_FILE, 'utf8') : null;
fs.writeFileSync(API_TYPES_FILE, text);
console.error(before === text ? `${API_TYPES_FILE} is up to date.` : `Wrote ${API_TYPES_FILE}.`);
