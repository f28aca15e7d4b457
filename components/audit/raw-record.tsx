'use client';

import { useEffect, useRef, useState } from 'react';

type State = { status: 'closed' | 'loading' } | { status: 'loaded'; text: string } | { status: 'failed'; message: string };

/**
 * "Raw record" of one audit event: the stored record is fetched when the reader opens it, so the
 * page does not carry fifty records nobody opened. Opened before the page was interactive, it
 * loads as soon as it is (the state is read from the element, not only from the toggle event).
 */
export function RawRecord({ id }: { id: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [state, setState] = useState<State>({ status: 'closed' });
  const href = `/audit/${encodeURIComponent(id)}/raw`;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let started = false;
    const load = async () => {
      if (started || !el.open) return;
      started = true;
      setState({ status: 'loading' });
      try {
        const response = await fetch(href, { headers: { Accept: 'application/json' } });
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as { error?: string } | null;
          throw new Error(body?.error ?? `The record could not be read (HTTP ${response.status}).`);
        }
        setState({ status: 'loaded', text: JSON.stringify(await response.json(), null, 2) });
      } catch (error) {
        started = false;
        setState({ status: 'failed', message: error instanceof Error ? error.message : 'The record could not be read.' });
      }
    };
    el.addEventListener('toggle', load);
    void load();
    return () => el.removeEventListener('toggle', load);
  }, [href]);

  return (
    <details ref={ref} className="mt-1 text-xs">
      <summary className="cursor-pointer text-slate-600 underline decoration-dotted dark:text-slate-400">Raw record</summary>
      {state.status === 'loaded' ? (
        <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono dark:bg-slate-950">{state.text}</pre>
      ) : state.status === 'failed' ? (
        <p role="alert" className="mt-1 text-rose-800 dark:text-rose-300">{state.message} <a href={href} className="underline">Open it on its own</a></p>
      ) : (
        <p className="mt-1 muted" aria-live="polite">Loading the record… <a href={href} className="underline">open it on its own</a></p>
      )}
    </details>
  );
}
