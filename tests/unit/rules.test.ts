import { describe, expect, it } from 'vitest';
import { clearsGate, evidenceState, isDecisionOverdue } from '@/lib/rules/checkpoints';
import { computeHealth, type HealthFacts } from '@/lib/rules/health';
import { launchBlockers, rolloutReadiness } from '@/lib/rules/rollouts';

const TODAY = '2026-11-23';
const none: HealthFacts = { rejectedCheckpoints: [], overdueMilestones: [], blockedMilestones: [], overdueDecisions: [], expiringEvidence: [], lapsedLiveRegions: [], activationRatio30d: null };

describe('checkpoint rules', () => {
  it('marks evidence expiring 30 days ahead and expired after', () => {
    expect(evidenceState(null, TODAY)).toBe('none');
    expect(evidenceState('2026-12-24', TODAY)).toBe('valid');
    expect(evidenceState('2026-12-23', TODAY)).toBe('expiring');
    expect(evidenceState('2026-11-23', TODAY)).toBe('expiring');
    expect(evidenceState('2026-11-22', TODAY)).toBe('expired');
  });

  it('knows an overdue decision and what clears a gate', () => {
    expect(isDecisionOverdue({ status: 'UNDER_REVIEW', decisionDueOn: '2026-11-22' }, TODAY)).toBe(true);
    expect(isDecisionOverdue({ status: 'APPROVED', decisionDueOn: '2026-11-22' }, TODAY)).toBe(false);
    expect(clearsGate({ status: 'APPROVED_WITH_CONDITIONS', evidenceExpiresOn: null }, TODAY)).toBe(true);
    expect(clearsGate({ status: 'APPROVED', evidenceExpiresOn: '2026-11-01' }, TODAY)).toBe(false);
    expect(clearsGate({ status: 'UNDER_REVIEW', evidenceExpiresOn: null }, TODAY)).toBe(false);
  });
});

describe('rollout gating', () => {
  it('names every checkpoint and milestone that blocks a launch', () => {
    const blockers = launchBlockers({
      checkpoints: [
        { id: 'a', name: "People's Bank of China", status: 'UNDER_REVIEW', evidenceExpiresOn: null },
        { id: 'b', name: 'HKMA', status: 'APPROVED', evidenceExpiresOn: '2026-01-01' },
        { id: 'c', name: 'FCA', status: 'APPROVED', evidenceExpiresOn: null },
      ],
      milestones: [{ id: 'm', name: 'Pilot', status: 'IN_PROGRESS' }, { id: 'n', name: 'Design', status: 'DONE' }],
    }, TODAY);
    expect(blockers).toEqual([
      { kind: 'checkpoint', id: 'a', name: "People's Bank of China", reason: 'under review' },
      { kind: 'checkpoint', id: 'b', name: 'HKMA', reason: 'evidence expired' },
      { kind: 'milestone', id: 'm', name: 'Pilot', reason: 'in progress' },
    ]);
    expect(rolloutReadiness('PLANNED', blockers).state).toBe('blocked');
    expect(rolloutReadiness('PLANNED', []).state).toBe('ready');
    expect(rolloutReadiness('LIVE', []).state).toBe('live');
    // A pilot waiting on its go-live milestone has lapsed nothing; a rejected gate after launch has.
    expect(rolloutReadiness('PILOT', [blockers[2]!]).lapsed).toEqual([]);
    expect(rolloutReadiness('LIVE', [blockers[0]!]).lapsed).toEqual([blockers[0]]);
  });
});

describe('health', () => {
  it('is on track with nothing to report', () => {
    expect(computeHealth(none).level).toBe('on-track');
  });
  it('watches small delays and soft activation, with reasons', () => {
    const h = computeHealth({ ...none, overdueMilestones: [{ name: 'Term sheet', daysLate: 6 }], activationRatio30d: 0.9 });
    expect(h).toEqual({ level: 'watch', reasons: ['Term sheet 6 days late', 'Activation at 90% of target (30 days)'] });
  });
  it('is at risk on a rejection, a long delay or weak activation', () => {
    expect(computeHealth({ ...none, rejectedCheckpoints: ['BaFin'] })).toMatchObject({ level: 'at-risk', reasons: ['BaFin rejected'] });
    expect(computeHealth({ ...none, overdueMilestones: [{ name: 'Refile', daysLate: 15 }] }).level).toBe('at-risk');
    expect(computeHealth({ ...none, activationRatio30d: 0.79 }).level).toBe('at-risk');
  });
});
