import { daysBetween, type IsoDay } from '@/lib/dates';
import type { CheckpointStatus } from '@/lib/domain';

/** Evidence lapses: "expiring" within 30 days of its expiry date, "expired" after it. */
export const EVIDENCE_WARNING_DAYS = 30;
export type EvidenceState = 'none' | 'valid' | 'expiring' | 'expired';

export function evidenceState(expiresOn: IsoDay | null, today: IsoDay): EvidenceState {
  if (!expiresOn) return 'none';
  const left = daysBetween(today, expiresOn);
  if (left < 0) return 'expired';
  return left <= EVIDENCE_WARNING_DAYS ? 'expiring' : 'valid';
}

export const APPROVED_STATUSES: readonly CheckpointStatus[] = ['APPROVED', 'APPROVED_WITH_CONDITIONS'];
export const DECIDED_STATUSES: readonly CheckpointStatus[] = ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED'];

export function isPending(status: CheckpointStatus): boolean {
  return !DECIDED_STATUSES.includes(status);
}

/** A decision was expected by now and has not come. */
export function isDecisionOverdue(c: { status: CheckpointStatus; decisionDueOn: IsoDay | null }, today: IsoDay): boolean {
  return isPending(c.status) && c.decisionDueOn !== null && c.decisionDueOn < today;
}

/** Clears a gate: approved (with or without conditions) and its evidence has not expired. */
export function clearsGate(c: { status: CheckpointStatus; evidenceExpiresOn: IsoDay | null }, today: IsoDay): boolean {
  return APPROVED_STATUSES.includes(c.status) && evidenceState(c.evidenceExpiresOn, today) !== 'expired';
}
