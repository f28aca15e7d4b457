'use client';

import { useState } from 'react';
import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass, inputClass } from '@/components/forms/form-message';
import type { ActionState } from '@/lib/action-state';
import { STAGE_LABELS, type PartnershipStage } from '@/lib/domain';
import { needsReason, SIGNED_STAGES, STAGE_GRAPH } from '@/lib/rules/stages';
import { errorsFor } from './field-errors';
import { FieldErrors } from './partnership-form';
import { LimitedTextarea } from '@/components/forms/limited-text';

type Props = { action: Action; slug: string; version: number; stage: PartnershipStage; hasSignedOn: boolean; today: string };

/**
 * Move a partnership to another stage: only the moves the stage graph allows are offered; the
 * server checks them again (lib/rules/stages.ts). Without JavaScript every field is shown.
 */
export function StageForm({ action, slug, version, stage, hasSignedOn, today }: Props) {
  const { state, pending, onSubmit, formAction } = useActionForm(action);
  const targets = STAGE_GRAPH[stage];
  const [to, setTo] = useState<PartnershipStage>(targets[0]!);
  const err = (field: string) => errorsFor(state as ActionState, field);
  const wantsReason = needsReason(stage, to);
  const wantsDate = SIGNED_STAGES.includes(to) && !hasSignedOn;
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label="Move to another stage" className="grid gap-4 sm:grid-cols-2" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor="stage-to" className="block text-sm font-medium">Move from {STAGE_LABELS[stage]} to</label>
        <select id="stage-to" name="to" value={to} onChange={(e) => setTo(e.target.value as PartnershipStage)} className={inputClass} aria-describedby="stage-to-error">
          {targets.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
        </select>
        <FieldErrors id="stage-to-error" errors={err('to')} />
      </div>
      <div>
        <label htmlFor="stage-moved-on" className="block text-sm font-medium">When it happened</label>
        <input id="stage-moved-on" name="movedOn" type="date" max={today} defaultValue={today} className={inputClass} aria-describedby="stage-moved-on-hint stage-moved-on-error" />
        <p id="stage-moved-on-hint" className="mt-1 text-xs muted">Today, or an earlier day to record a move after the fact.</p>
        <FieldErrors id="stage-moved-on-error" errors={err('movedOn')} />
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="stage-reason" className="block text-sm font-medium">Reason {wantsReason ? '(required for this move)' : '(optional)'}</label>
        <LimitedTextarea limit={1000} id="stage-reason" name="reason" rows={2} required={wantsReason} className={inputClass} aria-describedby="stage-reason-error" />
        <FieldErrors id="stage-reason-error" errors={err('reason')} />
      </div>
      <div className={wantsDate || err('signedOn').length ? '' : 'hidden'}>
        <label htmlFor="stage-signed-on" className="block text-sm font-medium">Signed on (required)</label>
        <input id="stage-signed-on" name="signedOn" type="date" max={today} className={inputClass} aria-describedby="stage-signed-on-error" />
        <FieldErrors id="stage-signed-on-error" errors={err('signedOn')} />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Moving…' : `Move to ${STAGE_LABELS[to]}`}</button>
        <ActionOutcome state={state as ActionState} />
      </div>
    </form>
  );
}
