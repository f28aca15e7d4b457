'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { SEARCH_KIND_LABELS, SEARCH_PALETTE_LIMIT, type SearchResult } from '@/lib/search';
import { Marked } from './marked';

type State =
  | { status: 'idle' }
  | { status: 'loading'; query: string; results: SearchResult[] }
  | { status: 'done'; query: string; results: SearchResult[] }
  | { status: 'error'; query: string; message: string };

const DEBOUNCE_MS = 150;

export type SearchDialogProps = {
  /** Counts the requests to open (Ctrl/Cmd+K, the header's Search): each new value opens the dialog. */
  openRequest: number;
};

/**
 * The search palette's dialog (issue 15), loaded by components/search/search-palette.tsx the first
 * time it is wanted, not with every page. A modal <dialog> (focus stays inside; Escape closes it
 * and focus returns where it was). The field is a combobox over a listbox of results
 * (aria-activedescendant): ↑/↓ move, Enter opens; the last row opens the results page. Answers
 * come from GET /api/v1/search, debounced, the previous request aborted at each keystroke.
 */
export function SearchDialog({ openRequest }: SearchDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const request = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const listId = useId();
  const router = useRouter();
  const pathname = usePathname();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<State>({ status: 'idle' });
  const [active, setActive] = useState(0);

  const open = useCallback(() => {
    const d = dialog.current;
    if (!d || d.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
    input.current?.select();
  }, []);
  const close = () => dialog.current?.close();

  useEffect(() => () => {
    request.current?.abort();
    clearTimeout(timer.current);
  }, []);

  // A client-side navigation keeps the shell (and this dialog) mounted: close it on arrival.
  useEffect(() => dialog.current?.close(), [pathname]);
  // After that effect: the first request may be what loaded this dialog.
  useEffect(() => {
    if (openRequest > 0) open();
  }, [openRequest, open]);

  const lookUp = (text: string) => {
    setQuery(text);
    setActive(0);
    request.current?.abort();
    clearTimeout(timer.current);
    const q = text.trim();
    if (!q) return setState({ status: 'idle' });
    setState((s) => ({ status: 'loading', query: q, results: 'results' in s ? s.results : [] }));
    timer.current = setTimeout(() => {
      const controller = new AbortController();
      request.current = controller;
      fetch(`/api/v1/search?q=${encodeURIComponent(q)}&limit=${SEARCH_PALETTE_LIMIT}`, { signal: controller.signal, headers: { accept: 'application/json' } })
        .then(async (r) => {
          const body = (await r.json().catch(() => ({}))) as { results?: SearchResult[]; error?: string; fieldErrors?: Record<string, string[]> };
          if (r.ok && body.results) return setState({ status: 'done', query: q, results: body.results });
          const message = r.status === 401 ? 'Your session has ended: sign in again.' : (body.fieldErrors?.q?.[0] ?? body.error ?? `The search failed (${r.status}).`);
          setState({ status: 'error', query: q, message });
        })
        .catch((error: unknown) => {
          if ((error as Error).name !== 'AbortError') setState({ status: 'error', query: q, message: 'The search could not reach Accord. Check the connection and try again.' });
        });
    }, DEBOUNCE_MS);
  };

  const results = state.status === 'done' || state.status === 'loading' ? state.results : [];
  const q = query.trim();
  // The rows: the results, then "See all results" (whenever something was typed).
  const rows = q ? results.length + 1 : 0;
  const allHref = `/search?q=${encodeURIComponent(q)}`;
  const go = (index: number) => {
    const result = results[index];
    const href = result ? result.href : allHref;
    if (!href) return; // a person the reader cannot open
    close();
    if (href.startsWith('/api/')) window.location.assign(href); // a document: the download
    else router.push(href as Parameters<typeof router.push>[0]);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (!rows) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (active + (e.key === 'ArrowDown' ? 1 : -1) + rows) % rows;
      setActive(next);
      document.getElementById(`${listId}-${next}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // While the answer for what was just typed is on its way, the rows listed are an older
      // query's: Enter opens the results page for the words typed, never a row they may not match.
      go(state.status === 'loading' ? -1 : active);
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const status =
    state.status === 'idle' ? 'Type a name, a regulator, a region, a person or words from a note.'
    : state.status === 'loading' ? 'Searching…'
    : state.status === 'error' ? state.message
    : results.length ? `${results.length}${results.length === SEARCH_PALETTE_LIMIT ? '+' : ''} ${results.length === 1 ? 'result' : 'results'}; ↑ and ↓ choose, Enter opens.`
    : `Nothing matches “${state.query}”. Small typos are tolerated; try fewer or other words.`;

  return (
    <dialog ref={dialog} aria-label="Search Accord"
      onClose={() => returnTo.current?.focus()}
      onClick={(e) => { if (e.target === e.currentTarget) close(); }}
      className="mx-auto mt-[8vh] w-[min(40rem,calc(100vw-1.5rem))] max-w-none rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 dark:border-slate-700">
        <label htmlFor={`${listId}-input`} className="sr-only">Search</label>
        <input ref={input} id={`${listId}-input`} type="search" role="combobox" autoComplete="off" spellCheck={false}
          placeholder="Search partnerships, checkpoints, notes…" value={query}
          aria-expanded={rows > 0} aria-controls={listId} aria-autocomplete="list"
          aria-activedescendant={rows > 0 ? optionId(Math.min(active, rows - 1)) : undefined}
          onChange={(e) => lookUp(e.currentTarget.value)} onKeyDown={onKeyDown}
          className="min-w-0 flex-1 bg-transparent py-3 text-base outline-none placeholder:text-slate-500 dark:placeholder:text-slate-400" />
        <button type="button" onClick={close} className="rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
          Esc<span className="sr-only"> (close search)</span>
        </button>
      </div>
      <ul id={listId} role="listbox" aria-label="Search results" className="max-h-[60vh] overflow-y-auto py-1">
        {results.map((r, i) => (
          <li key={`${r.kind}-${r.id}`} id={optionId(i)} role="option" aria-selected={i === active} aria-disabled={r.href ? undefined : true}
            onMouseDown={(e) => e.preventDefault()} onClick={() => go(i)} onMouseMove={() => setActive(i)}
            className={`px-3 py-2 ${r.href ? 'cursor-pointer' : ''} ${i === active ? 'bg-brand-50 dark:bg-slate-800' : ''}`}>
            <div className="flex items-baseline gap-2 text-sm">
              <span className="shrink-0 rounded bg-slate-100 px-1.5 text-xs font-medium text-slate-700 dark:bg-slate-700 dark:text-slate-200">{SEARCH_KIND_LABELS[r.kind]}</span>
              <span className="min-w-0 truncate font-medium"><Marked text={r.title} query={q} /></span>
            </div>
            <p className="mt-0.5 truncate text-xs muted"><bdi>{r.where}</bdi></p>
            {r.snippet ? <p className="mt-0.5 line-clamp-2 text-xs ink"><Marked text={r.snippet} query={q} /></p> : null}
          </li>
        ))}
        {q ? (
          <li id={optionId(results.length)} role="option" aria-selected={active === results.length}
            onMouseDown={(e) => e.preventDefault()} onClick={() => go(results.length)} onMouseMove={() => setActive(results.length)}
            className={`cursor-pointer border-t border-slate-100 px-3 py-2 text-sm font-medium text-brand-700 dark:border-slate-800 dark:text-brand-300 ${active === results.length ? 'bg-brand-50 dark:bg-slate-800' : ''}`}>
            See all results for “<bdi>{q}</bdi>”
          </li>
        ) : null}
      </ul>
      <p role="status" className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">{status}</p>
    </dialog>
  );
}
