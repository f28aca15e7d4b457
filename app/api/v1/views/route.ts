import { NextResponse } from 'next/server';
import { createViewSchema, viewListFrom } from '@/lib/schemas/views';
import { validationError } from '@/server/actions/define';
import { apiRoute, readJson } from '@/server/api/handler';
import { createView } from '@/server/views/mutations';
import { findViews } from '@/server/views/queries';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md, "Saved views". The caller's own views and everyone's shared ones; ?kind= and
// ?partnership= narrow the list.
export const GET = apiRoute('partnerships.read', async ({ request, actor }) => {
  const parsed = viewListFrom(new URL(request.url).searchParams);
  if (!parsed.success) throw validationError(parsed.error);
  return { views: await findViews(actor, parsed.data.kind, parsed.data.partnership) };
});

// { "name", "kind": "metrics" | "portfolio", "shared"?, "query"? } → 201 with the view.
export const POST = apiRoute('views.save', async ({ request, actor }) => {
  const input = await readJson(request, createViewSchema, 20_000);
  const view = await createView(actor, input);
  return NextResponse.json(view, { status: 201, headers: { Location: `/api/v1/views/${view.id}`, 'Cache-Control': 'no-store' } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
