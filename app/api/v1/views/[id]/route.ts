import { updateViewSchema } from '@/lib/schemas/views';
import { apiRoute, readJson } from '@/server/api/handler';
import { deleteView, updateView } from '@/server/views/mutations';
import { findView } from '@/server/views/queries';
import { otherMethods } from '@/server/api/not-allowed';

// Someone else's personal view is a 404 here, as if it did not exist.
export const GET = apiRoute<{ id: string }>('partnerships.read', async ({ actor, params }) => findView(actor, params.id.slice(0, 64)));

// { "name"?, "shared"?, "query"?, "version"? }: its owner only (403 otherwise); a stale version is a 409 with the current view.
export const PATCH = apiRoute<{ id: string }>('views.save', async ({ request, actor, params }) => {
  const input = await readJson(request, updateViewSchema, 20_000);
  return updateView(actor, params.id.slice(0, 64), input);
});

// Its owner, or an administrator for someone else's shared view (views.moderate, checked inside): 200 { id, deleted: true }.
export const DELETE = apiRoute<{ id: string }>('views.save', async ({ actor, params }) => {
  const { id } = await deleteView(actor, params.id.slice(0, 64));
  return { id, deleted: true };
});

export const { POST, PUT, OPTIONS } = otherMethods(['GET', 'PATCH', 'DELETE']);
