import 'server-only';
import { CONFIDENTIAL_FIELD_DEFAULTS, CONFIDENTIAL_FIELD_LABELS, CONFIDENTIAL_FIELDS, type ConfidentialField } from '@/lib/schemas/field-policies';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

/** One field's confidentiality on a partnership, as the edit page's form and its API show it. */
export type FieldPolicyDto = {
  field: ConfidentialField;
  label: string;
  confidential: boolean;
  /** 0: still on the field's default (no row). Sent back with a change (409 when it moved). */
  version: number;
  default: boolean;
};

export type FieldPoliciesDto = { partnership: { id: string; slug: string; name: string }; policies: FieldPolicyDto[] };

/** Every confidential-capable field with its policy for one partnership (read by its editors). */
export async function findFieldPolicies(slug: string): Promise<FieldPoliciesDto> {
  const partnership = await db.partnership.findUnique({ where: { slug: slug.slice(0, 200) }, select: { id: true, slug: true, name: true } });
  if (!partnership) throw new NotFoundError(`No partnership "${slug.slice(0, 200)}".`);
  const rows = await db.partnershipFieldPolicy.findMany({ where: { partnershipId: partnership.id }, select: { field: true, confidential: true, version: true } });
  return {
    partnership,
    policies: CONFIDENTIAL_FIELDS.map((field) => {
      const row = rows.find((r) => r.field === field);
      return {
        field, label: CONFIDENTIAL_FIELD_LABELS[field],
        confidential: row?.confidential ?? CONFIDENTIAL_FIELD_DEFAULTS[field],
        version: row?.version ?? 0,
        default: CONFIDENTIAL_FIELD_DEFAULTS[field],
      };
    }),
  };
}
