'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Toast } from '@/components/ui/toast';
import type { ActionState } from '@/lib/action-state';

/**
 * One row of a list with its edit panel (issue 13: the update page was a wall of open forms).
 * A native <details>: it opens with Enter or Space, works without JavaScript, and `name` keeps one
 * panel open at a time. With JavaScript, opening moves focus to the panel's first field; Escape,
 * Cancel or a successful save close it and return focus to the row's Edit control, and the
 * save's message is announced from the row (the panel is hidden by then).
 */
export function EditDisclosure({ label, facts, children }: {
  label: string;
  facts: React.ReactNode;
  /** The panel; its forms reach `saved` and `close` through useEditPanel(). */
  children: React.ReactNode;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const close = useCallback(() => {
    if (details.current) details.current.open = false;
    summary.current?.focus();
  }, []);
  const saved = useCallback((text: string) => {
    setMessage(text);
    close();
  }, [close]);
  const value = useMemo(() => ({ saved, close }), [saved, close]);
  // The toast goes after a while, so toasts of several rows saved in turn do not pile up.
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 8000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div className="min-w-0 flex-1">
      <details
        ref={details}
        name="edit-panel"
        className="group"
        onToggle={(event) => {
          if (!event.currentTarget.open) return;
          setMessage(null);
          panel.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button')?.focus();
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !details.current?.open) return;
          event.preventDefault();
          close();
        }}
      >
        <summary ref={summary} className="flex cursor-pointer list-none items-start gap-3 rounded-md px-1 py-1 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 dark:hover:bg-slate-800/60 [&::-webkit-details-marker]:hidden">
          <span className="sr-only">Edit </span>
          <span className="min-w-0 flex-1">{facts}</span>
          <span aria-hidden="true" className="shrink-0 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 group-open:bg-slate-200 dark:border-slate-600 dark:text-slate-200 dark:group-open:bg-slate-700">
            Edit
          </span>
        </summary>
        <div ref={panel} role="group" aria-label={`Edit ${label}`} className="mt-2 space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-800/40">
          <PanelContext.Provider value={value}>{children}</PanelContext.Provider>
        </div>
      </details>
      {message ? <Toast message={message} /> : null}
    </div>
  );
}

type Panel = { saved: (message: string) => void; close: () => void };
const PanelContext = createContext<Panel>({ saved: () => {}, close: () => {} });

/** What a form inside an edit panel calls: `saved(message)` after a success, `close()` to cancel. */
export function useEditPanel(): Panel {
  return useContext(PanelContext);
}

/**
 * Runs `then` once after each successful save. An effect, not a wrapper around the action: the
 * form's action must stay the server action itself, or it cannot post without JavaScript.
 */
export function useOnSuccess(state: ActionState, then: (message: string) => void) {
  useEffect(() => {
    if (state.status === 'success') then(state.message);
  }, [state, then]);
}

/** Closes the panel without saving (what was typed is kept until the next save or reload). */
export function CancelButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
      Cancel
    </button>
  );
}
