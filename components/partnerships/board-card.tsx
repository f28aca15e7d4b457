import Link from '@/components/link';
import { useState } from 'react';
import { HealthBadge } from '@/components/dashboard/health-badge';
import { inputClass, secondaryButtonClass } from '@/components/forms/form-message';
import { Badge } from '@/components/ui/badge';
import type { IsoDay } from '@/lib/dates';
import { STAGE_LABELS, type PartnershipStage } from '@/lib/domain';
import { describeDue, formatDay } from '@/lib/format';
import type { Health } from '@/lib/rules/health';
import { allowedMoves, moveNeeds } from '@/lib/rules/stage-moves';
import { StageAge, type StageAgeFacts } from './stage-age';
import { LimitedTextarea } from '@/components/forms/limited-text';

export type BoardCardData = {
  slug: string;
  name: string;
  stage: PartnershipStage;
  version: number;
  signed: boolean;
  previousOpenStage: PartnershipStage | null;
  stageAge: StageAgeFacts;
  closedOn: IsoDay | null;
  owner: string;
  isDemoData: boolean;
  health: Health;
  nextMilestone: { title: string; dueOn: IsoDay | null } | null;
};

/** A move the board asks the person to complete (a dropped card whose move needs a reason or a date). */
export type MoveRequest = { slug: string; to: PartnershipStage };

type MoveProps = {
  formAction: (data: FormData) => void;
  onSubmit: (event: React.FormEvent<HTMLFormElement>) => void;
  /** JavaScript is running: fields a move does not need are hidden and the needed ones required. */
  enhanced: boolean;
  request: MoveRequest | null;
  today: IsoDay;
};

type CardProps = {
  card: BoardCardData;
  today: IsoDay;
  busy: boolean;
  move: MoveProps | null;
  onDragStart: (card: BoardCardData) => void;
  onDragEnd: () => void;
};

export function BoardCard({ card, today, busy, move, onDragStart, onDragEnd }: CardProps) {
  const due = card.nextMilestone?.dueOn ? describeDue(card.nextMilestone.dueOn, today) : null;
  return (
    <article
      id={`card-${card.slug}`}
      data-card={card.slug}
      tabIndex={-1}
      aria-labelledby={`card-${card.slug}-name`}
      aria-busy={busy || undefined}
      draggable={move ? true : undefined}
      onDragStart={move ? (e) => { e.dataTransfer.setData('text/plain', card.slug); e.dataTransfer.effectAllowed = 'move'; onDragStart(card); } : undefined}
      onDragEnd={move ? onDragEnd : undefined}
      className={`rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:border-slate-700 dark:bg-slate-900 ${move ? 'cursor-grab active:cursor-grabbing' : ''} ${busy ? 'opacity-60' : ''}`}
    >
      <h3 id={`card-${card.slug}-name`} className="font-semibold leading-snug">
        <Link href={`/partnerships/${card.slug}`} className="text-slate-900 underline-offset-2 hover:underline dark:text-white"><bdi>{card.name}</bdi></Link>
      </h3>
      <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
        <HealthBadge health={card.health} />
        {card.isDemoData ? <Badge tone="neutral" title="Figures beyond the reported facts are synthetic">Demo data</Badge> : null}
      </div>
      <dl className="mt-2 space-y-1 text-xs muted">
        <div><dt className="inline font-medium ink">Owner: </dt><dd className="inline"><bdi>{card.owner}</bdi></dd></div>
        <div>
          <dt className="inline font-medium ink">Next: </dt>
          <dd className="inline">
            {card.nextMilestone ? card.nextMilestone.title : 'All milestones done'}
            {card.nextMilestone?.dueOn && due ? (
              <span className={due.overdue ? 'font-medium text-rose-700 dark:text-rose-300' : undefined}> · <time dateTime={card.nextMilestone.dueOn}>{formatDay(card.nextMilestone.dueOn)}</time> ({due.text})</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="sr-only">Time in stage</dt>
          <dd>{card.closedOn ? <>Closed <time dateTime={card.closedOn}>{formatDay(card.closedOn)}</time></> : <StageAge stage={card.stage} age={card.stageAge} />}</dd>
        </div>
      </dl>
      {move ? <MoveForm key={move.request ? `${move.request.to}` : 'idle'} card={card} {...move} /> : null}
    </article>
  );
}

/**
 * The card's stage form: the keyboard's and the no-JavaScript way to move it (a <details> opens
 * without script; the form posts to the same server action as a drop). Offers only the moves the
 * stage graph allows from here; the server still checks every rule.
 */
function MoveForm({ card, formAction, onSubmit, enhanced, request, today }: MoveProps & { card: BoardCardData }) {
  const [to, setTo] = useState<PartnershipStage | ''>(request?.to ?? '');
  const options = allowedMoves(card.stage, card.previousOpenStage);
  const needs = to ? moveNeeds(card.stage, to, card.signed) : { reason: false, signedOn: false };
  const showReason = !enhanced || needs.reason;
  const showSignedOn = !enhanced || needs.signedOn;
  return (
    <details open={request ? true : undefined} className="mt-2 border-t border-slate-100 pt-2 dark:border-slate-800">
      <summary className="cursor-pointer text-xs font-medium text-brand-700 dark:text-brand-300">
        Move to…<span className="sr-only"> (move {card.name})</span>
      </summary>
      <form action={formAction} onSubmit={onSubmit} aria-label={`Move ${card.name}`} className="mt-2 space-y-2 text-xs">
        <input type="hidden" name="slug" value={card.slug} />
        <input type="hidden" name="version" value={card.version} />
        <label className="block">
          Stage
          <select name="to" required value={to} onChange={(e) => setTo(e.target.value as PartnershipStage)} className={`${inputClass} py-1 text-xs`}>
            <option value="" disabled>Choose a stage</option>
            {options.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
          </select>
        </label>
        {showReason ? (
          <label className="block">
            Reason{enhanced ? '' : ' (On hold, Ended, going back or resuming)'}
            <LimitedTextarea limit={1000} name="reason" rows={2} required={enhanced} autoFocus={!!request && needs.reason} className={`${inputClass} py-1 text-xs`} />
          </label>
        ) : null}
        {showSignedOn ? (
          <label className="block">
            Signing date{enhanced ? '' : ' (when moving to Signed)'}
            <input type="date" name="signedOn" required={enhanced} max={today} autoFocus={!!request && !needs.reason && needs.signedOn} className={`${inputClass} py-1 text-xs`} />
          </label>
        ) : null}
        <button type="submit" className={secondaryButtonClass}>Move</button>
      </form>
    </details>
  );
}
