'use client';

import type { ActionState } from '@/lib/action-state';
import { CHECKPOINT_STATUS_LABELS, MILESTONE_STATUS_LABELS, MILESTONE_STATUSES, RISK_LABELS, RISK_LEVELS, ROLLOUT_STATUS_LABELS, type CheckpointStatus, type MilestoneStatus, type RiskLevel, type RolloutStatus } from '@/lib/domain';
import { Field, fieldClass, RowForm } from '@/components/forms/row-form';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export function RolloutForm({ action, r }: { action: Action; r: { id: string; version: number; regionName: string; status: RolloutStatus; allowedStatuses: readonly RolloutStatus[]; plannedLaunchOn: string | null } }) {
  return (
    <RowForm action={action} id={r.id} version={r.version} label={`Update ${r.regionName} rollout`}>
      {(v) => (
        <>
          <Field label="Status">
            <select name="status" defaultValue={v?.status ?? r.status} className={fieldClass} aria-label={`Status of ${r.regionName}`}>
              {[r.status, ...r.allowedStatuses].map((s) => <option key={s} value={s}>{ROLLOUT_STATUS_LABELS[s]}</option>)}
            </select>
          </Field>
          <Field label="Planned launch">
            <input type="date" name="plannedLaunchOn" defaultValue={v?.plannedLaunchOn ?? r.plannedLaunchOn ?? ''} className={fieldClass} />
          </Field>
        </>
      )}
    </RowForm>
  );
}

export function CheckpointForm({ action, c }: { action: Action; c: { id: string; version: number; regulator: string; requirement: string; risk: RiskLevel; status: CheckpointStatus; allowedStatuses: readonly CheckpointStatus[]; filedOn: string | null; decisionDueOn: string | null; decidedOn: string | null; conditions: string | null; evidenceExpiresOn: string | null } }) {
  return (
    <RowForm action={action} id={c.id} version={c.version} label={`Update ${c.regulator}`}>
      {(v) => (
        <>
          <Field label="Status">
            <select name="status" defaultValue={v?.status ?? c.status} className={fieldClass} aria-label={`Status of ${c.regulator}`}>
              {[c.status, ...c.allowedStatuses].map((s) => <option key={s} value={s}>{CHECKPOINT_STATUS_LABELS[s]}</option>)}
            </select>
          </Field>
          <Field label="Risk">
            <select name="risk" defaultValue={v?.risk ?? c.risk} className={fieldClass} aria-label={`Risk of ${c.regulator}`}>
              {RISK_LEVELS.map((r) => <option key={r} value={r}>{RISK_LABELS[r]}</option>)}
            </select>
          </Field>
          <Field label="Filed on">
            <input type="date" name="filedOn" defaultValue={v?.filedOn ?? c.filedOn ?? ''} className={fieldClass} aria-label={`Filed on (${c.regulator})`} />
          </Field>
          <Field label="Decision due">
            <input type="date" name="decisionDueOn" defaultValue={v?.decisionDueOn ?? c.decisionDueOn ?? ''} className={fieldClass} />
          </Field>
          <Field label="Decided on">
            <input type="date" name="decidedOn" defaultValue={v?.decidedOn ?? c.decidedOn ?? ''} className={fieldClass} />
          </Field>
          <Field label="Evidence expires">
            <input type="date" name="evidenceExpiresOn" defaultValue={v?.evidenceExpiresOn ?? c.evidenceExpiresOn ?? ''} className={fieldClass} />
          </Field>
          <Field label="Conditions">
            <input name="conditions" defaultValue={v?.conditions ?? c.conditions ?? ''} maxLength={2000} className={`${fieldClass} w-64`} />
          </Field>
          <Field label="Regulator">
            <input name="regulator" required maxLength={200} defaultValue={v?.regulator ?? c.regulator} className={`${fieldClass} w-56`} />
          </Field>
          <Field label="Requirement">
            <input name="requirement" required maxLength={500} defaultValue={v?.requirement ?? c.requirement} className={`${fieldClass} w-72`} />
          </Field>
        </>
      )}
    </RowForm>
  );
}

export function MilestoneForm({ action, m, people, others }: { action: Action; m: { id: string; version: number; title: string; status: MilestoneStatus; dueOn: string | null; ownerId: string | null; blockedReason: string | null; dependsOnIds: string[] }; people: { id: string; name: string }[]; others: { id: string; title: string }[] }) {
  return (
    <RowForm action={action} id={m.id} version={m.version} label={`Update ${m.title}`}>
      {(v) => (
        <>
          <Field label="Status">
            <select name="status" defaultValue={v?.status ?? m.status} className={fieldClass} aria-label={`Status of ${m.title}`}>
              {MILESTONE_STATUSES.map((s) => <option key={s} value={s}>{MILESTONE_STATUS_LABELS[s]}</option>)}
            </select>
          </Field>
          <Field label="Due">
            <input type="date" name="dueOn" defaultValue={v?.dueOn ?? m.dueOn ?? ''} className={fieldClass} aria-label={`Due date of ${m.title}`} />
          </Field>
          <Field label="Owner">
            <select name="ownerId" defaultValue={v?.ownerId ?? m.ownerId ?? ''} className={fieldClass}>
              <option value="">Nobody</option>
              {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </Field>
          <Field label="Reason if blocked">
            <input name="blockedReason" defaultValue={v?.blockedReason ?? m.blockedReason ?? ''} maxLength={500} className={`${fieldClass} w-64`} />
          </Field>
          <input type="hidden" name="dependsOnIdsPresent" value="1" />
          <Field label="Depends on">
            <select name="dependsOnIds" multiple defaultValue={m.dependsOnIds} size={Math.min(3, Math.max(2, others.length))} className={fieldClass} aria-label={`Milestones ${m.title} depends on`}>
              {others.map((o) => <option key={o.id} value={o.id}>{o.title}</option>)}
            </select>
          </Field>
        </>
      )}
    </RowForm>
  );
}
