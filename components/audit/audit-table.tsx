import type { AuditRow } from '@/lib/audit';
import { formatInstant } from '@/lib/format-time';

export type AuditTableRow = AuditRow;

function Changes({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return <span className="text-slate-500 dark:text-slate-400">—</span>;
  return (
    <dl className="space-y-0.5">
      {keys.map((k) => (
        <div key={k} className="flex flex-wrap gap-1">
          <dt className="font-medium">{k}:</dt>
          <dd>
            {k in b ? <><span className="text-rose-700 line-through dark:text-rose-300">{JSON.stringify(b[k])}</span>{' → '}</> : null}
            <span className="text-emerald-800 dark:text-emerald-300">{JSON.stringify(a[k] ?? null)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function AuditTable({ rows }: { rows: AuditTableRow[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">When</th>
            <th scope="col" className="px-4 py-3 font-medium">Who</th>
            <th scope="col" className="px-4 py-3 font-medium">What</th>
            <th scope="col" className="px-4 py-3 font-medium">Entity</th>
            <th scope="col" className="px-4 py-3 font-medium">Changes</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap px-4 py-3"><time dateTime={r.occurredAt}>{formatInstant(r.occurredAt)}</time></td>
              <td className="px-4 py-3">{r.actor}</td>
              <td className="px-4 py-3 font-medium">{r.action}</td>
              <td className="px-4 py-3">
                <div>{r.entityType}</div>
                <div className="max-w-[16rem] truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={r.entityId}>{r.entityId}</div>
              </td>
              <td className="px-4 py-3 text-xs"><Changes before={r.before} after={r.after} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
