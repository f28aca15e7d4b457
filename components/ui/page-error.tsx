'use client';

import { useEffect, useState } from 'react';
import { DatabaseUnavailable } from './database-unavailable';

type Health = { status: 'checking' } | { status: 'ok' } | { status: 'unavailable'; reason: string };

/**
 * An error boundary's content. In production React hides a server error's message, so we ask
 * /api/health whether the database is the cause: if it is, the person sees the same "database
 * unavailable" page the layout shows, instead of a vague failure (issue 8, outages).
 */
export function PageError({ reset, inShell = false }: { reset: () => void; inShell?: boolean }) {
  const [health, setHealth] = useState<Health>({ status: 'checking' });
  useEffect(() => {
    let cancelled = false;
    fetch('/api/health', { cache: 'no-store' })
      .then(async (response) => {
        const body = (await response.json().catch(() => ({}))) as { reason?: string };
        if (cancelled) return;
        setHealth(response.status === 503 ? { status: 'unavailable', reason: body.reason ?? 'The database is not reachable.' } : { status: 'ok' });
      })
      .catch(() => !cancelled && setHealth({ status: 'ok' }));
    return () => {
      cancelled = true;
    };
  }, []);
  if (health.status === 'unavailable') return <DatabaseUnavailable reason={health.reason} inShell={inShell} />;
  return (
    <div role="alert" className="mx-auto my-12 max-w-2xl rounded-xl border border-rose-300 bg-rose-50 p-6 dark:border-rose-800 dark:bg-rose-950">
      <h1 className="text-lg font-semibold">This page could not load</h1>
      <p className="mt-2 text-sm">Something went wrong on our side. Nothing you entered was lost.</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800">
        Try again
      </button>
    </div>
  );
}
