'use client';

import type { Route } from 'next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionOutcome, useActionForm } from '@/components/forms/action-form';
import Link from '@/components/link';
import { Badge } from '@/components/ui/badge';
import { Toast } from '@/components/ui/toast';
import type { ViewKind } from '@/lib/schemas/views';
import { deleteViewAction } from '@/server/views/actions';
import { DeleteViewForm, EditViewForm, SaveViewForm, useOnSuccess, type DeleteAction } from './view-forms';

/** One saved view as the menu needs it (plain values; `active`: it shows what the page shows now). */
export type SavedViewItem = { id: string; name: string; shared: boolean; href: string; owner: string; mine: boolean; version: number; active: boolean };

const summaryClass =
  'flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 dark:border-slate-700 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden';

/**
 * "Saved views" (issue 16): a small menu beside the page's title. It lists the reader's own views
 * and everyone's shared ones, each a link to its address (the one showing now is marked), saves
 * the page's current filters by name, and lets the owner rename, share or delete a view (an
 * administrator may delete someone else's shared view). A native <details>: it opens with Enter
 * or Space and works without JavaScript; with JavaScript, Escape and a click outside close it.
 * The panel floats over the page, so the page's content does not move when it opens.
 */
export function SavedViews({ kind, query, views, canSave, canModerate, align = 'right' }: {
  kind: ViewKind;
  /** the page's current filters, as a view keeps them */
  query: string;
  views: SavedViewItem[];
  canSave: boolean;
  canModerate: boolean;
  /** which edge of the control the panel lines up with on wider screens */
  align?: 'left' | 'right';
}) {
  const menu = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const close = useCallback(() => {
    if (menu.current?.open) {
      menu.current.open = false;
      summary.current?.focus();
    }
  }, []);
  const dismiss = useCallback(() => {
    if (menu.current) menu.current.open = false;
  }, []);
  // One delete action for every row: a deleted row is gone when its answer comes back, so the
  // confirmation is announced from here and the focus returns to the menu.
  const { formAction, onSubmit, pending, state: removed } = useActionForm(deleteViewAction);
  const remove: DeleteAction = { formAction, onSubmit, pending };
  useOnSuccess(removed, useCallback((message: string) => {
    setNotice(message);
    summary.current?.focus();
  }, []));
  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (menu.current?.open && !menu.current.contains(event.target as Node)) menu.current.open = false;
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, []);
  // The toast goes after a while, so the messages of several changes do not pile up.
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 8000);
    return () => clearTimeout(timer);
  }, [notice]);
  const active = views.find((v) => v.active);
  return (
    <>
      <details
        ref={menu}
        className="no-print sm:relative"
        data-testid="saved-views"
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !menu.current?.open) return;
          // An open inner panel (edit, delete) closes first.
          const inner = [...menu.current.querySelectorAll('details[open]')].at(-1) as HTMLDetailsElement | undefined;
          event.preventDefault();
          if (inner) {
            inner.open = false;
            inner.querySelector('summary')?.focus();
          } else close();
        }}
      >
        <summary ref={summary} className={summaryClass} title={active ? `Showing the saved view “${active.name}”` : undefined}>
          Saved views
          {views.length ? <span className="text-xs font-normal muted">({views.length})</span> : null}
          {/* Which view shows now is marked in the list; beside the title it would push the page's filters onto a line of their own. */}
          {active ? <span className="sr-only">, showing <bdi>{active.name}</bdi></span> : null}
          <span aria-hidden="true" className="text-xs muted">▾</span>
        </summary>
        <div
          role="group"
          aria-label="Saved views"
          className={`absolute inset-x-0 z-30 mt-1 max-h-[75vh] space-y-3 overflow-y-auto rounded-xl border border-slate-200 bg-white p-3 text-left shadow-lg dark:border-slate-700 dark:bg-slate-900 sm:inset-x-auto sm:w-[24rem] ${align === 'right' ? 'sm:right-0' : 'sm:left-0'}`}
        >
          {views.length ? (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Your views and shared views">
              {views.map((v) => <ViewRow key={v.id} view={v} query={query} canModerate={canModerate} remove={remove} onNotice={setNotice} onFollow={dismiss} />)}
            </ul>
          ) : (
            <p className="text-sm muted">
              <span className="font-medium text-slate-800 dark:text-slate-200">No saved views yet.</span> Save the filters on this page to come back to them in one click, or share them with everyone.
            </p>
          )}
          {removed.status === 'error' ? <ActionOutcome state={removed} /> : null}
          {canSave ? <SaveViewForm kind={kind} query={query} /> : null}
        </div>
      </details>
      {notice ? <Toast message={notice} /> : null}
    </>
  );
}

/** One view: its link, whether it is shared (and by whom), and what the reader may do with it. */
function ViewRow({ view, query, canModerate, remove, onNotice, onFollow }: {
  view: SavedViewItem; query: string; canModerate: boolean; remove: DeleteAction; onNotice: (message: string) => void; onFollow: () => void;
}) {
  const panel = useRef<HTMLDetailsElement>(null);
  const closePanel = useCallback(() => {
    if (!panel.current) return;
    panel.current.open = false;
    panel.current.querySelector('summary')?.focus();
  }, []);
  const done = useCallback((message: string) => {
    onNotice(message);
    if (panel.current) panel.current.open = false;
  }, [onNotice]);
  const canDelete = view.mine || (view.shared && canModerate);
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1 py-1.5" data-testid="saved-view">
      <Link
        href={view.href as Route}
        onClick={onFollow}
        aria-current={view.active ? 'page' : undefined}
        title={view.name}
        className="min-w-0 flex-1 truncate rounded px-1 py-0.5 text-sm font-medium text-brand-700 underline-offset-2 hover:underline aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold aria-[current=page]:text-slate-900 dark:text-brand-300 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-white"
      >
        <bdi>{view.name}</bdi>
      </Link>
      {view.shared ? <Badge tone="info" title={view.mine ? 'Everyone sees this view' : `Shared by ${view.owner}`}>Shared</Badge> : null}
      {view.mine ? null : <span className="max-w-[8rem] truncate text-xs muted" title={`Saved by ${view.owner}`}>by <bdi>{view.owner}</bdi></span>}
      {view.mine || canDelete ? (
        <details ref={panel} className="open:basis-full">
          <summary className="w-fit cursor-pointer list-none rounded-md border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
            {view.mine ? 'Edit' : 'Delete'}<span className="sr-only"> the view {view.name}</span>
          </summary>
          <div className="mt-1.5 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-2.5 dark:border-slate-700 dark:bg-slate-800/40">
            {view.mine ? <EditViewForm view={view} query={query} onSaved={done} onCancel={closePanel} /> : null}
            <DeleteViewForm
              view={view}
              remove={remove}
              question={view.mine
                ? `Delete “${view.name}”${view.shared ? ' for everyone (it is shared)' : ''}? This cannot be undone.`
                : `Delete “${view.name}”, saved by ${view.owner}, for everyone? This cannot be undone.`}
            />
          </div>
        </details>
      ) : null}
    </li>
  );
}
