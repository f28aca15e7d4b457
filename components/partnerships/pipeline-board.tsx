'use client';

import { startTransition, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useActionForm, type Action } from '@/components/forms/action-form';
import { SignInAgain } from '@/components/forms/sign-in-again';
import type { ActionState } from '@/lib/action-state';
import type { IsoDay } from '@/lib/dates';
import { STAGE_LABELS, type PartnershipStage } from '@/lib/domain';
import { allowedMoves, moveNeeds } from '@/lib/rules/stage-moves';
import { BoardCard, type BoardCardData, type MoveRequest } from './board-card';

type Props = {
  cards: BoardCardData[];
  stages: PartnershipStage[];
  today: IsoDay;
  /** The stage server action, or null for roles that only read (executives, analysts). */
  action: Action | null;
};

const noSubscribe = () => () => {};

/**
 * The portfolio as a pipeline board (issue 12, item 4). A card moves by native HTML5 drag and
 * drop, by its "Move to…" form from the keyboard, or by that same form posted without
 * JavaScript: all run the one stage action. Nothing moves optimistically: a card changes column
 * only when the server's fresh render says so, and a refusal is shown in the alert above.
 * Native DnD rather than a library (dnd-kit and the like): the keyboard and no-script paths are
 * the card's own form, so a library would add weight for the mouse path only.
 */
export function PipelineBoard({ cards, stages, today, action }: Props) {
  const { state, formAction, pending, onSubmit } = useActionForm(action ?? noAction);
  const enhanced = useSyncExternalStore(noSubscribe, () => true, () => false);
  const [dragging, setDragging] = useState<BoardCardData | null>(null);
  const [over, setOver] = useState<PartnershipStage | null>(null);
  const [request, setRequest] = useState<MoveRequest | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [seenState, setSeenState] = useState(state);
  const lastState = useRef(state);

  // A completed move: the card a drop asked about no longer asks (adjusting state on a change,
  // as https://react.dev/learn/you-might-not-need-an-effect describes).
  if (state !== seenState) {
    setSeenState(state);
    if (state.status === 'success') setRequest(null);
  }

  // After a move, keep the keyboard where the card went (it re-rendered in its new column).
  useEffect(() => {
    if (state === lastState.current) return;
    lastState.current = state;
    // A signing sent for approval (issue 17) stays in its column: the keyboard stays on its card.
    const data = state.status === 'success' ? (state.data as { slug?: string; approval?: { partnership: { slug: string } } } | undefined) : undefined;
    if (state.status === 'success') document.getElementById(`card-${data?.slug ?? data?.approval?.partnership.slug}`)?.focus();
  }, [state]);

  const submit = (data: FormData) => {
    setMoving(String(data.get('slug')));
    startTransition(() => formAction(data));
  };
  // A refused form stays open with what was typed (the request, if a drop opened it, stays too).
  const onFormSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    setMoving(String(new FormData(event.currentTarget).get('slug')));
    onSubmit(event);
  };

  const drop = (to: PartnershipStage) => {
    const card = dragging;
    setDragging(null);
    setOver(null);
    setRequest(null);
    if (!card || card.stage === to) return;
    const needs = moveNeeds(card.stage, to, card.signed);
    // A move the graph allows but that needs a reason or a date: the card's form asks for it.
    if (allowedMoves(card.stage, card.previousOpenStage).includes(to) && (needs.reason || needs.signedOn)) {
      setRequest({ slug: card.slug, to });
      return;
    }
    // Everything else goes to the server as is: it moves the card or says why not.
    const data = new FormData();
    data.set('slug', card.slug);
    data.set('version', String(card.version));
    data.set('to', to);
    submit(data);
  };

  return (
    <div>
      <MoveOutcome state={state} cards={cards} />
      <div role="region" aria-label="Pipeline board" tabIndex={0} className="relative -mx-1 overflow-x-auto px-1 pb-3 sm:snap-x sm:snap-mandatory outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
        {/* A phone stacks the columns (touch has no HTML5 drag; the card's form moves it); wider screens scroll sideways. */}
        <div className="grid grid-cols-1 gap-3 sm:grid-flow-col sm:grid-cols-none sm:auto-cols-[minmax(12rem,1fr)]">
          {stages.map((stage) => {
            const inStage = cards.filter((c) => c.stage === stage);
            const droppable = !!dragging && dragging.stage !== stage;
            const allowed = droppable && allowedMoves(dragging.stage, dragging.previousOpenStage).includes(stage);
            return (
              <section
                key={stage}
                aria-labelledby={`column-${stage}`}
                data-stage={stage}
                onDragOver={droppable ? (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; if (over !== stage) setOver(stage); } : undefined}
                onDragLeave={droppable ? () => setOver((o) => (o === stage ? null : o)) : undefined}
                onDrop={droppable ? (e) => { e.preventDefault(); drop(stage); } : undefined}
                className={`flex flex-col rounded-xl sm:min-h-40 sm:snap-start border p-2 transition-colors ${
                  over === stage ? 'border-brand-500 bg-brand-50 dark:bg-slate-800'
                  : allowed ? 'border-dashed border-brand-400 bg-slate-50 dark:bg-slate-900/60'
                  : 'border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60'
                }`}
              >
                <h2 id={`column-${stage}`} className="flex items-baseline justify-between px-1 pb-2 text-xs font-semibold uppercase tracking-wide ink">
                  {STAGE_LABELS[stage]}
                  <span className="font-normal tabular-nums muted"><span className="sr-only">: </span>{inStage.length}<span className="sr-only"> partnership{inStage.length === 1 ? '' : 's'}</span></span>
                </h2>
                {inStage.length ? (
                  <ul className="flex flex-col gap-2">
                    {inStage.map((card) => (
                      <li key={card.slug}>
                        <BoardCard
                          card={card}
                          today={today}
                          busy={pending && moving === card.slug}
                          move={action ? { formAction, onSubmit: onFormSubmit, enhanced, request: request?.slug === card.slug ? request : null, today } : null}
                          onDragStart={setDragging}
                          onDragEnd={() => { setDragging(null); setOver(null); }}
                        />
                      </li>
                    ))}
                  </ul>
                ) : <p className="px-1 text-xs muted">None</p>}
              </section>
            );
          })}
        </div>
      </div>
    </div>
  );
}

async function noAction(): Promise<ActionState> {
  return { status: 'error', code: 403, message: 'You cannot move partnerships.' };
}

/** The last move's outcome, above the board: a refusal names the card and says why (the server's words). */
function MoveOutcome({ state, cards }: { state: ActionState; cards: BoardCardData[] }) {
  const status = state.status === 'success' ? state.message : '';
  let alert: React.ReactNode = null;
  if (state.status === 'error') {
    const card = cards.find((c) => c.slug === state.values?.slug);
    const messages = [...new Set([state.message, ...Object.values(state.fieldErrors ?? {}).flat()])];
    alert = (
      <div role="alert" className="mb-3 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">
        <p className="font-medium">{card ? `${card.name} stayed in ${STAGE_LABELS[card.stage]}.` : 'The partnership was not moved.'}</p>
        {messages.map((m) => <p key={m}>{m}</p>)}
        {state.code === 409 ? <a href="" className="underline">Load the latest board</a> : null}
        <SignInAgain code={state.code} />
      </div>
    );
  }
  return (
    <>
      {alert}
      <p aria-live="polite" className={status ? 'mb-3 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100' : 'sr-only'}>{status}</p>
    </>
  );
}
