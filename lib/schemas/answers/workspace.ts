import { z } from 'zod';
import { ORGANIZATION_KINDS, ROLES } from '@/lib/domain';
import { ALL_PERMISSIONS, type Permission } from '@/lib/permissions';
import { NOTE_SUBJECTS } from '@/lib/schemas/notes';
import { SEARCH_KINDS } from '@/lib/search';
import { answers, day, id, instant } from './common';

// Answers about people's own things and working together: who am I, notes, documents, search,
// organizations, saved views, the inbox, mail subscriptions, tokens, invitations. See ./common.ts.

export const me = z.object({
  email: z.string().nullable(), name: z.string().nullable(), role: z.enum(ROLES).nullable(), via: z.enum(['token', 'user']),
  readOnly: z.boolean(), permissions: z.array(z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]])),
});

export const note = z.object({
  id, partnershipId: id, subject: z.object({ type: z.enum(NOTE_SUBJECTS), id }), authorId: id, author: z.string(),
  body: z.string().describe('The markup as written.'), mentions: z.array(z.object({ email: z.string(), name: z.string() })),
  createdAt: instant, editedAt: instant.nullable(), version: z.number().int(), sharedWithPartners: z.boolean(),
}).register(answers, { id: 'Note' });
export const noteList = z.object({ notes: z.array(note) });
export const people = z.object({ people: z.array(z.object({ email: z.string(), name: z.string() })) });

export const searchAnswer = z.object({
  query: z.string(), page: z.number().int(), hasMore: z.boolean(),
  results: z.array(z.object({
    kind: z.enum(SEARCH_KINDS), id: z.string(), title: z.string(), snippet: z.string().nullable(), where: z.string(),
    href: z.string().nullable(), score: z.number(),
  })),
});

export const documentMeta = z.object({
  id, fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/),
  expiresOn: day.nullable(), versionNumber: z.number().int(), seriesId: id, superseded: z.boolean(), supersededAt: instant.nullable(),
  uploadedBy: z.string(), createdAt: instant, partnershipSlug: z.string(), checkpointId: id.nullable(),
}).register(answers, { id: 'Document' });

export const organization = z.object({
  id, name: z.string(), kind: z.enum(ORGANIZATION_KINDS), country: z.string().nullable(), countryName: z.string().nullable(),
  website: z.string().nullable(), version: z.number().int(), deals: z.array(z.object({ slug: z.string(), name: z.string(), role: z.string() })),
}).register(answers, { id: 'Organization' });
export const organizationList = z.object({ organizations: z.array(organization) });

export const savedView = z.object({
  id, kind: z.enum(['metrics', 'portfolio']), name: z.string(), shared: z.boolean(), query: z.string(), href: z.string(),
  ownerId: id, owner: z.string(), mine: z.boolean(), version: z.number().int(), createdAt: instant, updatedAt: instant,
}).register(answers, { id: 'SavedView' });
export const savedViewList = z.object({ views: z.array(savedView) });

const REASONS = ['MENTION', 'OWNED', 'WATCHED', 'DECISION', 'EVIDENCE_EXPIRING', 'MILESTONE_OVERDUE', 'IMPORT_FINISHED', 'WEBHOOK_DISABLED', 'APPROVAL_REQUESTED', 'APPROVAL_DECIDED'] as const;
export const inbox = z.object({
  unread: z.number().int(),
  notifications: z.array(z.object({
    id, reason: z.enum(REASONS), title: z.string(), detail: z.string(), href: z.string(), createdAt: instant, when: z.string(), read: z.boolean(),
  })),
  next: z.string().nullable(),
});
export const notificationRead = z.object({ id, read: z.boolean(), unread: z.number().int() });
export const allRead = z.object({ marked: z.number().int(), unread: z.literal(0) });

export const subscription = z.object({
  id, kind: z.enum(['digest', 'export']), schedule: z.string(), cadence: z.enum(['daily', 'weekly', 'monthly']), day: z.number().int(),
  localTime: z.string(), timeZone: z.string(), partnership: z.object({ name: z.string(), slug: z.string() }).nullable(),
  savedView: z.object({ id, name: z.string() }).nullable(), format: z.enum(['csv', 'xlsx']), nextRunAt: instant, lastSentAt: instant.nullable(),
  unsubscribed: z.boolean(),
}).register(answers, { id: 'Subscription' });
export const subscriptionList = z.object({ subscriptions: z.array(subscription) });

export const tokenRevoked = z.object({ revoked: z.literal(true), name: z.string(), alreadyRevoked: z.boolean() });

export const invitation = z.object({
  id, email: z.string(), name: z.string(), organization: z.object({ id, name: z.string() }), invitedBy: z.string().nullable(),
  state: z.enum(['pending', 'accepted', 'revoked', 'expired']), createdAt: instant, expiresAt: instant, acceptedAt: instant.nullable(), revokedAt: instant.nullable(),
}).register(answers, { id: 'Invitation' });
export const invitationList = z.object({ invitations: z.array(invitation) });
export const invitationCreated = z.object({
  id, email: z.string(), name: z.string(), organization: z.string().describe('The organization’s name.'),
  link: z.string().describe('The one-time link: in this answer only.'), token: z.string(), expiresAt: instant,
});
export const invitationRevoked = z.object({ revoked: z.literal(true), email: z.string(), alreadyRevoked: z.boolean() });
