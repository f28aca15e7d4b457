import { describe, expect, it } from 'vitest';
import { describeChange } from '@/lib/rules/changes';
import { clearsGate, evidenceState, isDecisionOverdue } from '@/lib/rules/checkpoints';
import { computeHealth, type HealthFacts } from '@/lib/rules/health';
import { launchBlockers, launchDateProblem, rolloutReadiness } from '@/lib/rules/rollouts';

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

describe('change wording for partnership events (since your last review)', () => {
  const base = { entityType: 'Partnership', label: null };
  it('says a stage move in one line, with the signing date and the reason', () => {
    expect(describeChange({ ...base, action: 'partnership.stage_moved', before: { stage: 'NEGOTIATING' }, after: { stage: 'SIGNED', signedOn: '2026-11-20' }, context: { reason: null } }))
      .toEqual([{ text: 'Stage Negotiating → Signed, signed on 20 Nov 2026', tone: 'good' }]);
    expect(describeChange({ ...base, action: 'partnership.stage_moved', before: { stage: 'NEGOTIATING' }, after: { stage: 'ON_HOLD' }, context: { reason: 'Regulator asked for more time' } }))
      .toEqual([{ text: 'Stage Negotiating → On hold (Regulator asked for more time)', tone: 'bad' }]);
    // Without the context (a conflict message) it still reads well.
    expect(describeChange({ ...base, action: 'partnership.stage_moved', before: { stage: 'ON_HOLD' }, after: { stage: 'EXPLORING' } }))
      .toEqual([{ text: 'Stage On hold → Exploring', tone: 'neutral' }]);
  });

  it('says an opening and an edit of the record in words, not field names', () => {
    expect(describeChange({ ...base, action: 'partnership.created', before: null, after: { name: 'X', slug: 'x', stage: 'EXPLORING', parties: [] }, context: { template: 'apple-pay-alipay' } }))
      .toEqual([{ text: 'Partnership opened at Exploring, plan copied from apple-pay-alipay', tone: 'neutral' }]);
    expect(describeChange({
      ...base, action: 'partnership.updated',
      before: { targetLaunchOn: '2027-04-30', summary: 'old', ownerEmail: 'a@x.test', parties: [{ organization: 'A', role: 'Wallet' }] },
      after: { targetLaunchOn: '2027-05-10', summary: 'new', ownerEmail: 'b@x.test', parties: [{ organization: 'A', role: 'Wallet' }, { organization: 'B', role: 'Bank' }] },
    }).map((d) => d.text)).toEqual([
      'Partnership: summary edited',
      'Partnership: parties A (Wallet) → A (Wallet), B (Bank)',
      'Partnership: target launch moved 10 days later (30 Apr 2027 → 10 May 2027)',
      'Partnership: owner a@x.test → b@x.test',
    ]);
  });
});

describe('launchDateProblem (a rollout\'s actual launch date)', () => {
  const today = '2026-12-01';
  it('accepts a past day on a region that is or was live, and no day on one that never launched', () => {
    expect(launchDateProblem({ status: 'LIVE', actualLaunchOn: '2014-10-20', actualPilotOn: null }, today)).toBeNull();
    expect(launchDateProblem({ status: 'PAUSED', actualLaunchOn: today, actualPilotOn: '2026-11-01' }, today)).toBeNull();
    expect(launchDateProblem({ status: 'PLANNED', actualLaunchOn: null, actualPilotOn: null }, today)).toBeNull();
  });
  it('refuses a future day, a day before the pilot, none while live, and one on a region not yet live', () => {
    expect(launchDateProblem({ status: 'LIVE', actualLaunchOn: '2026-12-02', actualPilotOn: null }, today)).toMatch(/future/);
    expect(launchDateProblem({ status: 'LIVE', actualLaunchOn: '2026-10-01', actualPilotOn: '2026-11-01' }, today)).toMatch(/before the pilot/);
    expect(launchDateProblem({ status: 'LIVE', actualLaunchOn: null, actualPilotOn: null }, today)).toMatch(/needs the day/);
    expect(launchDateProblem({ status: 'PILOT', actualLaunchOn: '2026-10-01', actualPilotOn: null }, today)).toMatch(/Only a region that has gone live/);
  });
});
