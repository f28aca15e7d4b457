import { z } from 'zod';
import { reference } from './text';

/**
 * Confidential fields (issue 17, item 5): besides metrics (./metric-policies.ts), these parts of a
 * partnership's record can be marked confidential per partnership. A confidential field is hidden
 * from partners and from every internal role an administrator unticked under "Confidential
 * figures" (the same rule as confidential metrics: server/access/confidential.ts), in every output.
 * The list is fixed: a new entry needs the migration's CHECK constraint and an output that hides it.
 */
export const CONFIDENTIAL_FIELDS = ['summary', 'targetSignOn', 'targetLaunchOn', 'targets'] as const;
export type ConfidentialField = (typeof CONFIDENTIAL_FIELDS)[number];

/** In the users' words (the edit page's checkboxes, the audit trail, "Confidential" labels). */
export const CONFIDENTIAL_FIELD_LABELS: Record<ConfidentialField, string> = {
  summary: 'Deal summary',
  targetSignOn: 'Target signing date',
  targetLaunchOn: 'Target launch date',
  targets: 'Activation targets',
};

/**
 * Defaults, while a partnership has no row for the field: nothing is confidential. Each of these is
 * shown to partners today and is something both sides plan against (the launch date they work to,
 * the activation plan their cards are measured by); hiding one by default would silently take it
 * away from every partner and change every existing deal. The one figure the issue names as
 * confidential by default, payment volume, is a metric: its targets are already hidden with it
 * (server/access/metrics.ts). A deal that needs more ticks it on its edit page.
 */
export const CONFIDENTIAL_FIELD_DEFAULTS: Record<ConfidentialField, boolean> = {
  summary: false,
  targetSignOn: false,
  targetLaunchOn: false,
  targets: false,
};

const policyVersion = z.number({ message: 'The version must be a whole number.' }).int('The version must be a whole number.').min(0, 'The version must be a whole number.').max(2_147_483_647);

export const fieldPolicySchema = z.object({
  field: z.enum(CONFIDENTIAL_FIELDS, { message: `Choose a field: ${CONFIDENTIAL_FIELDS.join(', ')}.` }),
  confidential: z.boolean({ message: 'confidential must be true or false.' }),
  /** The version the editor saw: 0 for a field still on its default (no row yet). */
  version: policyVersion,
}).strict();

export const fieldPoliciesSchema = z.object({
  policies: z.array(fieldPolicySchema).min(1, 'Send at least one field.').max(CONFIDENTIAL_FIELDS.length, `At most ${CONFIDENTIAL_FIELDS.length} fields.`)
    .refine((list) => new Set(list.map((p) => p.field)).size === list.length, 'Each field at most once.'),
}).strict();
export type FieldPoliciesInput = z.infer<typeof fieldPoliciesSchema>;

export const updateFieldPoliciesSchema = fieldPoliciesSchema.extend({
  partnership: reference('partnership', 200),
}).strict();
export type UpdateFieldPoliciesInput = z.infer<typeof updateFieldPoliciesSchema>;

/**
 * The edit page's "Confidential fields" form as the schema's shape: `partnership`, per field
 * `version:<field>` and `confidential:<field>` (an unticked checkbox sends nothing: false). Every
 * field is on the form; a field without its version is not sent (and a form without any is refused).
 */
export function fieldPoliciesForm(raw: Record<string, unknown>): unknown {
  const version = (text: unknown) => (typeof text === 'string' && /^\d{1,10}$/.test(text) ? Number(text) : text);
  const ticked = (name: string) => raw[name] === 'on' || raw[name] === 'true';
  return {
    partnership: raw.partnership,
    policies: CONFIDENTIAL_FIELDS.filter((field) => `version:${field}` in raw)
      .map((field) => ({ field, version: version(raw[`version:${field}`]), confidential: ticked(`confidential:${field}`) })),
  };
}
