import { NextResponse } from 'next/server';
import { openApiDocument } from '@/server/openapi/document';
import { otherMethods } from '@/server/api/not-allowed';

// The OpenAPI 3.1 document of /api/v1 (issue 18; docs/decisions/019-openapi.md). Public, like
// /api/health: it describes the API (as docs/api.md does) and holds no data, so code generators and
// tools read it without a token. proxy.ts lists it in PUBLIC_PATHS.
export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
