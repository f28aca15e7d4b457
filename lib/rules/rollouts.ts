import type { IsoDay } from '@/lib/dates';
import { CHECKPOINT_STATUS_LABELS, MILESTONE_STATUS_LABELS, type CheckpointStatus, type MilestoneStatus, type RolloutStatus } from '@/lib/domain';
import { clearsGate, evidenceState } from './checkpoints';

export type GateCheckpoint = { id: string; name: string; status: CheckpointStatus; evidenceExpiresOn: IsoDay | null };
export type GateMilestone = { id: string; name: string; status: MilestoneStatus };
export type Blocker = { kind: 'checkpoint' | 'milestone'; id: string; name: string; reason: string };

/**
 * What stops a region going to pilot or live: every gating checkpoint must be approved (with or
 * without conditions, evidence not expired) and every gating milestone done. One rule, used by the
 * dashboard's readiness and by the rollout mutation that refuses a move (issue 5).
 */
export function launchBlockers(gates: { checkpoints: GateCheckpoint[]; milestones: GateMilestone[] }, today: IsoDay): Blocker[] {
  const blockers: Blocker[] = [];
  for (const c of gates.checkpoints) {
    if (clearsGate(c, today)) continue;
    const reason = evidenceState(c.evidenceExpiresOn, today) === 'expired' && c.status !== 'REJECTED'
      ? 'evidence expired'
      : CHECKPOINT_STATUS_LABELS[c.status].toLowerCase();
    blockers.push({ kind: 'checkpoint', id: c.id, name: c.name, reason });
  }
  for (const m of gates.milestones) {
    if (m.status !== 'DONE') blockers.push({ kind: 'milestone', id: m.id, name: m.name, reason: MILESTONE_STATUS_LABELS[m.status].toLowerCase() });
  }
  return blockers;
}

/**
 * live / pilot: launched; `blockers` then say what stops the next step (pilot -> live) and
 * `lapsed` the gating approvals that no longer hold (rejected or expired after launch).
 */
export type Readiness = { state: 'live' | 'pilot' | 'ready' | 'blocked' | 'paused' | 'withdrawn'; blockers: Blocker[]; lapsed: Blocker[] };

export function rolloutReadiness(status: RolloutStatus, blockers: Blocker[]): Readiness {
  const lapsed = status === 'LIVE' || status === 'PILOT' ? blockers.filter((b) => b.kind === 'checkpoint') : [];
  if (status === 'WITHDRAWN') return { state: 'withdrawn', blockers: [], lapsed: [] };
  if (status === 'LIVE') return { state: 'live', blockers, lapsed };
  if (status === 'PILOT') return { state: 'pilot', blockers, lapsed };
  if (status === 'PAUSED' && blockers.length === 0) return { state: 'paused', blockers, lapsed };
  return { state: blockers.length ? 'blocked' : 'ready', blockers, lapsed };
}

/**
 * Why an actual launch date cannot stand, or null. Only a region that is or was live has one (live,
 * paused or withdrawn after launch); a live region must keep it; it is a day that has come (in the
 * region's time zone) and not before the pilot started.
 */
export function launchDateProblem(r: { status: RolloutStatus; actualLaunchOn: IsoDay | null; actualPilotOn: IsoDay | null }, today: IsoDay): string | null {
  if (r.actualLaunchOn === null) return r.status === 'LIVE' ? 'A live region needs the day it launched.' : null;
  if (r.status === 'PLANNED' || r.status === 'PILOT') return 'Only a region that has gone live has an actual launch date: set the status to Live too.';
  if (r.actualLaunchOn > today) return `The launch date cannot be in the future (today is ${today} in that region).`;
  if (r.actualPilotOn && r.actualLaunchOn < r.actualPilotOn) return `The launch cannot come before the pilot started (${r.actualPilotOn}).`;
  return null;
}
