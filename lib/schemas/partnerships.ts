import { z } from 'zod';
import { PARTNERSHIP_STAGES } from '@/lib/domain';
import { CREATE_STAGES } from '@/lib/rules/stages';
import { suggestSlug } from '@/lib/slug';
import { isoDay, multiLine, singleLine } from './text';

/**
 * Partnership records (issue 12): one schema per input, shared by the forms (through
 * lib/schemas/partnership-form.ts) and the JSON API (POST/PATCH /api/v1/partnerships).
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugSchema = z
  .string({ error: 'Give the partnership a web address.' })
  .trim()
  .min(3, 'The web address needs at least 3 characters.')
  .max(80, 'The web address has at most 80 characters.')
  .regex(SLUG_PATTERN, 'Use lower-case letters, digits and single hyphens, like apple-pay-alipay.')
  .refine((s) => !RESERVED_SLUGS.includes(s), 'That web address is reserved by Accord; choose another.');

/** Addresses that are pages of their own under /partnerships/ (a deal there could not be reached). */
export const RESERVED_SLUGS = ['new', 'edit', 'board', 'import', 'export'];

/** The web address suggested for a name (lib/slug.ts: the client form uses it without zod). */
export { suggestSlug };

export const partySchema = z.object({
  organization: singleLine('The organization', 200),
  role: singleLine('Its role in the deal', 120),
});

const parties = z
  .array(partySchema)
  .min(2, 'A partnership has at least two parties.')
  .max(10, 'At most 10 parties.')
  .refine((list) => new Set(list.map((p) => p.organization.toLowerCase())).size === list.length, 'Each organization can be a party only once.');

const ownerEmail = z.string().trim().toLowerCase().email('Choose the owner by their email address.').max(254);

const dates = {
  openedOn: isoDay,
  targetSignOn: isoDay.nullable().optional(),
  targetLaunchOn: isoDay.nullable().optional(),
  signedOn: isoDay.nullable().optional(),
};

function checkDates(v: { openedOn?: string; targetSignOn?: string | null; targetLaunchOn?: string | null; signedOn?: string | null }, ctx: z.RefinementCtx) {
  const opened = v.openedOn;
  for (const key of ['targetSignOn', 'targetLaunchOn', 'signedOn'] as const) {
    const value = v[key];
    if (opened && value && value < opened) ctx.addIssue({ code: 'custom', path: [key], message: 'This date cannot be before the partnership was opened.' });
  }
  if (v.targetSignOn && v.targetLaunchOn && v.targetLaunchOn < v.targetSignOn) {
    ctx.addIssue({ code: 'custom', path: ['targetLaunchOn'], message: 'The target launch cannot be before the target signing.' });
  }
}

export const createPartnershipSchema = z
  .object({
    name: singleLine('A name', 200),
    slug: slugSchema.optional(),
    summary: multiLine('The summary', 4000).default(''),
    ownerEmail: ownerEmail.optional(),
    stage: z.enum(CREATE_STAGES, { error: 'A new partnership starts at Exploring, Negotiating, Signed, Integrating or Launched.' }).default('EXPLORING'),
    ...dates,
    parties,
    template: slugSchema.optional(),
  })
  .strict()
  .superRefine(checkDates)
  .superRefine((v, ctx) => {
    if (['SIGNED', 'INTEGRATING', 'LAUNCHED'].includes(v.stage) && !v.signedOn) {
      ctx.addIssue({ code: 'custom', path: ['signedOn'], message: 'A signed partnership needs the date it was signed.' });
    }
  });

// The input before defaults: the API and tests may leave out stage and summary.
export type CreatePartnershipInput = z.input<typeof createPartnershipSchema>;

export const updatePartnershipSchema = z
  .object({
    version: z.number({ error: 'Send the version you edited (an integer).' }).int().min(1),
    name: singleLine('A name', 200).optional(),
    summary: multiLine('The summary', 4000).optional(),
    ownerEmail: ownerEmail.optional(),
    openedOn: isoDay.optional(),
    targetSignOn: dates.targetSignOn,
    targetLaunchOn: dates.targetLaunchOn,
    signedOn: dates.signedOn,
    parties: parties.optional(),
  })
  .strict()
  .superRefine(checkDates);

export type UpdatePartnershipInput = z.infer<typeof updatePartnershipSchema>;

export const moveStageSchema = z
  .object({
    version: z.number({ error: 'Send the version you edited (an integer).' }).int().min(1),
    to: z.enum(PARTNERSHIP_STAGES, { error: `Choose a stage: ${PARTNERSHIP_STAGES.join(', ')}.` }),
    reason: multiLine('The reason', 1000).nullable().optional(),
    signedOn: isoDay.nullable().optional(),
    // When the move happened, to record history after the fact (default: now).
    movedOn: isoDay.nullable().optional(),
  })
  .strict();

export type MoveStageInput = z.infer<typeof moveStageSchema>;
