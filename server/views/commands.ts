import 'server-only';
import { z } from 'zod';
import { createViewSchema, updateViewSchema, viewIdSchema } from '@/lib/schemas/views';
import { defineCommand } from '@/server/actions/define';
import { createView, deleteView, updateView } from './mutations';

// The "Saved views" forms of the metrics explorer and the portfolio. The same schemas as the API
// (/api/v1/views, /api/v1/views/<id>).

export const createViewCommand = defineCommand({
  permission: 'views.save',
  schema: createViewSchema,
  run: (actor, input) => createView(actor, input),
  success: (view) => `Saved the view “${view.name}”${view.shared ? ', shared with everyone' : ''}.`,
});

/**
 * The edit form always shows its "Share with everyone" box, so an unticked box (absent) means
 * personal; "Use the filters on this page" replaces the view's query with the page's. The API's
 * PATCH leaves an absent field as it is.
 */
const editForm = (raw: unknown) => {
  const r = (raw ?? {}) as Record<string, unknown>;
  if (r.form !== 'edit') return r;
  return { id: r.id, version: r.version, name: r.name, shared: r.shared ?? 'off', query: r.useCurrent === 'on' ? r.currentQuery : undefined };
};

export const updateViewCommand = defineCommand({
  permission: 'views.save',
  schema: z.preprocess(editForm, z.object({ ...viewIdSchema.shape, ...updateViewSchema.shape })),
  run: (actor, { id, ...input }) => updateView(actor, id, input),
  success: (view) => `Saved the view “${view.name}”.`,
});

// Guarded by views.save here; someone else's shared view further needs views.moderate (server/views/mutations.ts).
export const deleteViewCommand = defineCommand({
  permission: 'views.save',
  schema: viewIdSchema,
  run: (actor, { id }) => deleteView(actor, id),
  success: () => 'View deleted.',
});
