/** One audit event as the audit page shows it (plain data, shared by query and component). */
export type AuditRow = {
  id: string;
  occurredAt: string;
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  context: unknown;
};
