/** One field's change in words ("Status: Under review → Approved"); null where a side is absent (a creation or a deletion). */
export type AuditChange = {
  field: string; from: string | null; to: string | null;
  /** the values are confidential to the reader (server/audit/redact.ts): `to` says it changed, `from` is null */
  confidential?: true;
};

/** One audit event as the audit page shows it: in words (server/audit/present.ts), its raw record one click away (fetched from /audit/<id>/raw when opened). */
export type AuditEntry = {
  id: string;
  occurredAt: string;
  /** The instant in the app's date format ("1 Dec 2026, 18:05 UTC"). */
  when: string;
  actor: string;
  action: string;
  entityType: string;
  entity: string;
  partnership: string | null;
  changes: AuditChange[];
  notes: string[];
};
