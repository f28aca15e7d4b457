import { describeChange } from '@/lib/rules/changes';
import { formatInstant } from '@/lib/format-time';

export type HistoryEntry = {
  at: string; actor: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null;
  /** fields whose values are confidential to the reader (server/audit/redact.ts): said to change, never shown */
  confidential?: string[];
};

/** One entity's history, in words, collapsed by default. */
export function History({ entries, entityType, label }: { entries: HistoryEntry[]; entityType: string; label: string }) {
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer ink">History ({entries.length})</summary>
      {entries.length === 0 ? (
        <p className="mt-1 muted">No changes recorded yet.</p>
      ) : (
        <ul className="mt-1 space-y-0.5">
          {entries.flatMap((e, i) =>
            describeChange({ entityType, action: e.action, label, before: e.before, after: e.after, confidential: e.confidential }).map((d, j) => (
              <li key={`${i}-${j}`}>
                <span className="muted">{formatInstant(e.at)} · {e.actor}:</span> {d.text.replace(`${label}: `, '')}
              </li>
            )),
          )}
        </ul>
      )}
    </details>
  );
}
