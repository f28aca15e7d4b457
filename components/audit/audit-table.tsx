'use client';

// A client component fed plain rows: the server sends the events once as data instead of every
// element of the list (issue 14: the RSC render of a list's elements cost more than its HTML).

import type { AuditChange, AuditEntry } from '@/lib/audit';
import { RawRecord } from './raw-record';

function Changes({ changes }: { changes: AuditChange[] }) {
  if (!changes.length) return null;
  return (
    <dl className="mt-1 space-y-0.5 text-xs">
      {changes.map((c) => (
        <div key={c.field} className="flex flex-wrap gap-x-1">
          <dt className="font-medium">{c.field}:</dt>
          <dd className="min-w-0 break-words [unicode-bidi:isolate]">
            {c.from !== null && c.to !== null ? (
              <><span className="text-rose-800 dark:text-rose-300"><bdi>{c.from}</bdi></span>{' → '}<span className="text-emerald-800 dark:text-emerald-300"><bdi>{c.to}</bdi></span></>
            ) : c.to !== null ? (
              <bdi>{c.to}</bdi>
            ) : (
              <><bdi>{c.from}</bdi> <span className="muted">(removed)</span></>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The audit trail, newest first: one card per event (readable at 390 px without sideways scrolling). */
export function AuditTable({ rows }: { rows: AuditEntry[] }) {
  return (
    <ol aria-label="Audit events, newest first" className="divide-y divide-slate-100 card text-sm dark:divide-slate-800" data-testid="audit-events">
      {rows.map((r) => (
        <li key={r.id} className="grid gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[12rem_1fr]">
          <div className="text-xs muted">
            <time dateTime={r.occurredAt} className="block">{r.when}</time>
            <span className="block break-words font-medium text-slate-800 dark:text-slate-200"><bdi>{r.actor}</bdi></span>
          </div>
          <div className="min-w-0">
            <p className="break-words">
              <span className="font-medium">{r.action}</span>
              {': '}
              <bdi>{r.entity}</bdi>
              {r.partnership ? <span className="muted"> · <bdi>{r.partnership}</bdi></span> : null}
            </p>
            <Changes changes={r.changes} />
            {r.notes.length ? (
              <ul className="mt-1 text-xs ink">
                {r.notes.map((n) => <li key={n} className="break-words"><bdi>{n}</bdi></li>)}
              </ul>
            ) : null}
            <RawRecord id={r.id} />
          </div>
        </li>
      ))}
    </ol>
  );
}
