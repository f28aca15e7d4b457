import 'server-only';
import { dateToDay, todayIn, type IsoDay } from '@/lib/dates';
import type { CheckpointStatus, RiskLevel } from '@/lib/domain';
import { evidenceState, type EvidenceState } from '@/lib/rules/checkpoints';
import { CHECKPOINT_TRANSITIONS } from '@/lib/rules/transitions';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

export type CheckpointDto = {
  id: string; version: number; regulator: string; jurisdiction: string; requirement: string; status: CheckpointStatus;
  risk: RiskLevel; filedOn: IsoDay | null; decisionDueOn: IsoDay | null; decidedOn: IsoDay | null; conditions: string | null;
  evidenceExpiresOn: IsoDay | null; evidence: EvidenceState; notes: string; allowedStatuses: readonly CheckpointStatus[];
  /** Shown to the deal's partner users (issue 17). */
  sharedWithPartners: boolean;
};

type Row = {
  id: string; version: number; regulator: string; jurisdiction: string; requirement: string; status: CheckpointStatus; risk: RiskLevel;
  filedOn: Date | null; decisionDueOn: Date | null; decidedOn: Date | null; conditions: string | null; evidenceExpiresOn: Date | null; notes: string;
  sharedWithPartners?: boolean;
};
const d = (v: Date | null) => (v ? dateToDay(v) : null);

export function toCheckpointDto(c: Row, today = todayIn('UTC')): CheckpointDto {
  return {
    id: c.id, version: c.version, regulator: c.regulator, jurisdiction: c.jurisdiction, requirement: c.requirement, status: c.status,
    risk: c.risk, filedOn: d(c.filedOn), decisionDueOn: d(c.decisionDueOn), decidedOn: d(c.decidedOn), conditions: c.conditions,
    evidenceExpiresOn: d(c.evidenceExpiresOn), evidence: evidenceState(d(c.evidenceExpiresOn), today), notes: c.notes,
    allowedStatuses: CHECKPOINT_TRANSITIONS[c.status], sharedWithPartners: c.sharedWithPartners ?? false,
  };
}

export async function findCheckpoints(slug: string): Promise<CheckpointDto[]> {
  const p = await db.partnership.findUnique({ where: { slug }, select: { checkpoints: { orderBy: [{ jurisdiction: 'asc' }, { regulator: 'asc' }] } } });
  if (!p) throw new NotFoundError(`No partnership "${slug}".`);
  return p.checkpoints.map((c) => toCheckpointDto(c));
}

/** One checkpoint of a partnership, for its own page (null when either is unknown). */
export async function findCheckpoint(slug: string, id: string) {
  const c = await db.regulatoryCheckpoint.findFirst({ where: { id, partnership: { slug } }, include: { partnership: { select: { id: true, name: true, slug: true } } } });
  if (!c) return null;
  return { ...toCheckpointDto(c), partnership: c.partnership };
}
