import 'server-only';
import { z } from 'zod';
import { documentUploadFieldsSchema } from '@/lib/schemas/documents';
import { inboxQuerySchema } from '@/lib/schemas/inbox';
import { inviteSchema } from '@/lib/schemas/invitations';
import { editNoteSchema, writeNoteSchema } from '@/lib/schemas/notes';
import { createOrganizationSchema, updateOrganizationSchema } from '@/lib/schemas/organizations';
import { searchInputSchema } from '@/lib/schemas/search';
import { createSubscriptionSchema } from '@/lib/schemas/subscriptions';
import { createViewSchema, updateViewSchema, viewListSchema } from '@/lib/schemas/views';
import { createWebhookSchema, deliveryListSchema, updateWebhookSchema } from '@/lib/schemas/webhooks';
import { deleted } from '@/lib/schemas/answers/common';
import * as hooks from '@/lib/schemas/answers/webhooks';
import * as work from '@/lib/schemas/answers/workspace';
import type { Operation, OperationKey } from './operation';

// Who am I, notes, documents, search, organizations, saved views, inbox, mail, tokens, invitations,
// webhooks, and this document itself (docs/api.md). See ./operation.ts.

const STALE = 'The `version` sent is not the current one: `current` holds the current state, with who changed it and when.';
const UPLOAD_ERRORS = {
  409: '`supersedes` names a version that is no longer current (`current` is the current one).',
  413: 'The file is over 25 MB (a larger `Content-Length` is refused before the body is read).',
  415: 'A type Accord does not keep (a program, HTML, SVG, an archive…): `found` says what it was taken for.',
  422: 'A bad field (`expiresOn`, `supersedes`), a file name over 200 characters, or an upload cut off before the whole file arrived.',
};
const upload = (fields: z.ZodObject) => ({ media: 'multipart/form-data', description: 'The file in the field `file`, at most 25 MB; its type is read from its bytes.', fields }) as const;

const NOTE_SUBJECTS = [
  ['/api/v1/partnerships/{slug}/notes', 'a partnership'], ['/api/v1/milestones/{id}/notes', 'a milestone'],
  ['/api/v1/checkpoints/{id}/notes', 'a regulatory checkpoint'], ['/api/v1/rollouts/{id}/notes', 'a rollout'],
] as const;
const noteOperations = Object.fromEntries(NOTE_SUBJECTS.flatMap(([path, what]) => [
  [`GET ${path}`, { summary: `List the notes on ${what}`, tag: 'Notes', permission: 'partnerships.read', partners: true, ok: { 200: { description: 'Oldest first.', json: work.noteList } } }],
  [`POST ${path}`, {
    summary: `Write a note on ${what}`, tag: 'Notes', permission: 'notes.write', partners: true, body: writeNoteSchema,
    ok: { 201: { description: 'The note; `Location` is its address.', json: work.note, headers: { Location: 'The note’s address.' } } },
  }],
])) as Record<OperationKey, Operation>;

export const WORKSPACE_OPERATIONS: Partial<Record<OperationKey, Operation>> = {
  'GET /api/v1/openapi.json': {
    summary: 'This document', tag: 'Documentation', permission: null,
    description: 'The OpenAPI 3.1 description of /api/v1, built from the zod schemas the routes use. No sign-in: it holds no data.',
    ok: { 200: { description: 'The OpenAPI document.', json: z.object({ openapi: z.string() }).loose() } },
  },
  'GET /api/v1/me': {
    summary: 'Who am I', tag: 'Who am I', permission: 'partnerships.read', partners: true,
    ok: { 200: { description: 'The caller, their role and what this token or session may do.', json: work.me } },
  },
  ...noteOperations,
  'GET /api/v1/notes/{id}': {
    summary: 'Read a note', tag: 'Notes', permission: 'partnerships.read', partners: true,
    ok: { 200: { description: 'The note.', json: work.note } },
  },
  'PATCH /api/v1/notes/{id}': {
    summary: 'Edit one’s own note', tag: 'Notes', permission: 'notes.write', partners: true, body: editNoteSchema,
    ok: { 200: { description: 'The edited note.', json: work.note } },
    errors: { 409: STALE },
  },
  'DELETE /api/v1/notes/{id}': {
    summary: 'Delete a note', tag: 'Notes', permission: 'notes.write', partners: true,
    description: 'Its author, or an administrator. The text stays in the audit trail.',
    ok: { 200: { description: 'Deleted.', json: deleted } },
  },
  'GET /api/v1/people': {
    summary: 'People who can be @mentioned', tag: 'Notes', permission: 'partnerships.read',
    query: z.object({ q: z.string().max(100).optional().describe('Part of a name or address.') }),
    ok: { 200: { description: 'At most 8 active people.', json: work.people } },
    errors: { 422: 'A bad `q`.' },
  },
  'GET /api/v1/search': {
    summary: 'Search everything the caller may read', tag: 'Search', permission: 'partnerships.read', partners: true, query: searchInputSchema,
    ok: { 200: { description: 'Best first; the same query gives the same pages.', json: work.searchAnswer } },
    errors: { 422: 'A missing, too long or control-character `q`, or a bad `page` or `limit`.' },
  },
  'POST /api/v1/checkpoints/{id}/documents': {
    summary: 'Upload evidence to a checkpoint', tag: 'Documents', permission: 'documents.upload', body: upload(documentUploadFieldsSchema),
    ok: { 201: { description: 'The document; `Location` is its address.', json: work.documentMeta, headers: { Location: 'The document’s address.' } } },
    errors: UPLOAD_ERRORS,
  },
  'POST /api/v1/partnerships/{slug}/documents': {
    summary: 'Upload a partnership document', tag: 'Documents', permission: 'documents.upload', body: upload(documentUploadFieldsSchema.omit({ expiresOn: true })),
    ok: { 201: { description: 'The document; `Location` is its address.', json: work.documentMeta, headers: { Location: 'The document’s address.' } } },
    errors: UPLOAD_ERRORS,
  },
  'GET /api/v1/documents/{id}': {
    summary: 'Read a document’s metadata', tag: 'Documents', permission: 'partnerships.read',
    ok: { 200: { description: 'The document (no bytes).', json: work.documentMeta } },
  },
  'GET /api/v1/documents/{id}/content': {
    summary: 'Download a document', tag: 'Documents', permission: 'partnerships.read',
    ok: {
      200: {
        description: 'The bytes, checked against their SHA-256 first; `Content-Type` is the type sniffed at upload.',
        files: { 'application/octet-stream': { description: 'The file, of its own type (PDF, PNG, Office…).', binary: true } },
        headers: { 'Content-Disposition': 'attachment, with the file’s name (RFC 6266).', ETag: 'The SHA-256, quoted.' },
      },
    },
    errors: { 500: 'The stored bytes no longer match the SHA-256 taken at upload: nothing is sent.' },
  },
  'GET /api/v1/organizations': {
    summary: 'List the organizations', tag: 'Organizations', permission: 'partnerships.read',
    ok: { 200: { description: 'With the deals each is a party to.', json: work.organizationList } },
  },
  'POST /api/v1/organizations': {
    summary: 'Add an organization', tag: 'Organizations', permission: 'organizations.manage', body: createOrganizationSchema,
    ok: { 201: { description: 'The organization.', json: work.organization } },
    errors: { 409: 'The name is taken (compared ignoring case).' },
  },
  'GET /api/v1/organizations/{id}': {
    summary: 'Read an organization', tag: 'Organizations', permission: 'partnerships.read',
    ok: { 200: { description: 'The organization.', json: work.organization } },
  },
  'PATCH /api/v1/organizations/{id}': {
    summary: 'Edit an organization', tag: 'Organizations', permission: 'organizations.manage', body: updateOrganizationSchema,
    ok: { 200: { description: 'The organization.', json: work.organization } },
    errors: { 409: STALE },
  },
  'DELETE /api/v1/organizations/{id}': {
    summary: 'Delete an organization', tag: 'Organizations', permission: 'organizations.manage',
    query: z.object({ version: z.number().int().min(1).describe('The version being deleted.') }),
    ok: { 204: { description: 'Deleted.' } },
    errors: { 409: 'A party to a deal (`deals` lists them), or a stale version.', 422: 'No `version`.' },
  },
  'GET /api/v1/views': {
    summary: 'List saved views', tag: 'Saved views', permission: 'partnerships.read', query: viewListSchema,
    ok: { 200: { description: 'The caller’s own views first, then everyone’s shared ones.', json: work.savedViewList } },
    errors: { 422: 'A bad `kind` or `partnership`.' },
  },
  'POST /api/v1/views': {
    summary: 'Save a view', tag: 'Saved views', permission: 'views.save', body: createViewSchema,
    ok: { 201: { description: 'The view; `Location` is its address.', json: work.savedView, headers: { Location: 'The view’s address.' } } },
    errors: { 409: 'The caller already has a view of that page with that name.' },
  },
  'GET /api/v1/views/{id}': {
    summary: 'Read a saved view', tag: 'Saved views', permission: 'partnerships.read',
    ok: { 200: { description: 'The view.', json: work.savedView } },
  },
  'PATCH /api/v1/views/{id}': {
    summary: 'Change one’s own view', tag: 'Saved views', permission: 'views.save', body: updateViewSchema,
    ok: { 200: { description: 'The view.', json: work.savedView } },
    errors: { 409: STALE },
  },
  'DELETE /api/v1/views/{id}': {
    summary: 'Delete a view', tag: 'Saved views', permission: 'views.save',
    ok: { 200: { description: 'Deleted.', json: deleted } },
  },
  'GET /api/v1/notifications': {
    summary: 'Read one’s inbox', tag: 'Inbox', permission: 'inbox.read', query: inboxQuerySchema,
    ok: { 200: { description: 'Newest first; `next` is the next page’s cursor.', json: work.inbox } },
    errors: { 422: 'A bad `limit` or `unread`.' },
  },
  'POST /api/v1/notifications/{id}/read': {
    summary: 'Mark a notification read', tag: 'Inbox', permission: 'inbox.update',
    ok: { 200: { description: 'Its state and the unread count after it.', json: work.notificationRead } },
  },
  'DELETE /api/v1/notifications/{id}/read': {
    summary: 'Mark a notification unread', tag: 'Inbox', permission: 'inbox.update',
    ok: { 200: { description: 'Its state and the unread count after it.', json: work.notificationRead } },
  },
  'POST /api/v1/notifications/read-all': {
    summary: 'Mark every notification read', tag: 'Inbox', permission: 'inbox.update',
    ok: { 200: { description: 'How many were marked.', json: work.allRead } },
  },
  'GET /api/v1/subscriptions': {
    summary: 'List one’s mail subscriptions', tag: 'Mail subscriptions', permission: 'subscriptions.manage',
    ok: { 200: { description: 'The caller’s own.', json: work.subscriptionList } },
  },
  'POST /api/v1/subscriptions': {
    summary: 'Subscribe to a digest or a scheduled export', tag: 'Mail subscriptions', permission: 'subscriptions.manage', body: createSubscriptionSchema,
    ok: { 201: { description: 'The subscription.', json: work.subscription, headers: { Location: 'The subscription’s address.' } } },
  },
  'GET /api/v1/subscriptions/{id}': {
    summary: 'Read one of one’s subscriptions', tag: 'Mail subscriptions', permission: 'subscriptions.manage',
    ok: { 200: { description: 'The subscription.', json: work.subscription } },
  },
  'DELETE /api/v1/subscriptions/{id}': {
    summary: 'Remove a subscription', tag: 'Mail subscriptions', permission: 'subscriptions.manage',
    ok: { 200: { description: 'Removed.', json: deleted } },
  },
  'DELETE /api/v1/tokens/{id}': {
    summary: 'Revoke one of one’s API tokens', tag: 'Tokens', permission: 'tokens.manage', partners: true,
    ok: { 200: { description: 'Revoked (again: `alreadyRevoked`).', json: work.tokenRevoked } },
  },
  'GET /api/v1/invitations': {
    summary: 'List partner invitations', tag: 'Partner invitations', permission: 'partners.invite',
    query: z.object({ state: z.enum(['pending']).optional().describe('`pending`: the open ones only.') }),
    ok: { 200: { description: 'Newest first; never a token.', json: work.invitationList } },
  },
  'POST /api/v1/invitations': {
    summary: 'Invite someone of a partner organization', tag: 'Partner invitations', permission: 'partners.invite', body: inviteSchema,
    ok: { 201: { description: 'The invitation with its one-time link (in this answer only).', json: work.invitationCreated, headers: { Location: 'The invitation’s address.' } } },
    errors: { 409: 'The address already has an account or a pending invitation.' },
  },
  'DELETE /api/v1/invitations/{id}': {
    summary: 'Revoke a pending invitation', tag: 'Partner invitations', permission: 'partners.invite',
    ok: { 200: { description: 'Revoked (again: `alreadyRevoked`).', json: work.invitationRevoked } },
    errors: { 422: 'Accepted or expired: deactivate the person instead.' },
  },
  'GET /api/v1/webhooks': {
    summary: 'List webhooks', tag: 'Webhooks', permission: 'webhooks.manage',
    ok: { 200: { description: 'Oldest first; never a secret.', json: hooks.webhookList } },
  },
  'POST /api/v1/webhooks': {
    summary: 'Register a webhook', tag: 'Webhooks', permission: 'webhooks.manage', body: createWebhookSchema,
    ok: { 201: { description: 'The webhook and its signing secret.', json: hooks.webhookCreated, headers: { Location: 'The webhook’s address.' } } },
  },
  'GET /api/v1/webhooks/{id}': {
    summary: 'Read a webhook', tag: 'Webhooks', permission: 'webhooks.manage',
    ok: { 200: { description: 'The webhook (no secret).', json: hooks.webhook } },
  },
  'PATCH /api/v1/webhooks/{id}': {
    summary: 'Change, disable or enable a webhook', tag: 'Webhooks', permission: 'webhooks.manage', body: updateWebhookSchema,
    ok: { 200: { description: 'The webhook.', json: hooks.webhook } },
    errors: { 409: STALE },
  },
  'DELETE /api/v1/webhooks/{id}': {
    summary: 'Delete a webhook and its delivery log', tag: 'Webhooks', permission: 'webhooks.manage',
    ok: { 200: { description: 'Deleted.', json: deleted } },
  },
  'GET /api/v1/webhooks/{id}/deliveries': {
    summary: 'A webhook’s delivery log', tag: 'Webhooks', permission: 'webhooks.manage', query: deliveryListSchema,
    ok: { 200: { description: 'Newest first, kept 30 days.', json: hooks.deliveryList } },
    errors: { 422: 'A bad `state`, `limit` or `before`.' },
  },
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    summary: 'Send a delivery once more', tag: 'Webhooks', permission: 'webhooks.manage',
    ok: { 200: { description: 'The attempt.', json: hooks.redelivery } },
    errors: { 409: 'Still being retried, or the webhook is disabled.' },
  },
};
