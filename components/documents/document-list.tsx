'use client';

import { Badge } from '@/components/ui/badge';
import { DOCUMENT_TYPES, formatFileSize } from '@/lib/documents';
import { formatDay } from '@/lib/format';
import { formatInstant } from '@/lib/format-time';
import { evidenceState } from '@/lib/rules/checkpoints';
import type { IsoDay } from '@/lib/dates';
import type { DocumentDto } from '@/server/documents/queries';

/** Documents grouped by series: the current version, then the versions it superseded. */
export function groupVersions(documents: readonly DocumentDto[]): DocumentDto[][] {
  const series = new Map<string, DocumentDto[]>();
  for (const d of documents) series.set(d.seriesId, [...(series.get(d.seriesId) ?? []), d]);
  return [...series.values()].map((versions) => [...versions].sort((a, b) => b.versionNumber - a.versionNumber));
}

function Row({ d, today, older }: { d: DocumentDto; today: IsoDay; older?: boolean }) {
  const state = d.expiresOn ? evidenceState(d.expiresOn, today) : 'none';
  return (
    <div className={`flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 ${older ? 'muted' : ''}`}>
      <div className="min-w-0">
        <a href={`/api/v1/documents/${d.id}/content`} download className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-300"
          aria-label={`Download ${d.fileName}${d.versionNumber > 1 || older ? `, version ${d.versionNumber}` : ''}`}>
          <bdi>{d.fileName}</bdi>
        </a>
        <span className="ml-2 text-xs">{DOCUMENT_TYPES[d.contentType]?.label ?? d.contentType} · {formatFileSize(d.sizeBytes)}{d.versionNumber > 1 || older ? ` · version ${d.versionNumber}` : ''}</span>
        {older ? <span className="ml-2 text-xs">(superseded{d.supersededAt ? ` ${formatInstant(d.supersededAt)}` : ''})</span> : null}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {d.expiresOn && !older ? (
          <Badge tone={state === 'expired' ? 'danger' : state === 'expiring' ? 'warning' : 'neutral'}>
            {state === 'expired' ? 'Expired' : 'Expires'} {formatDay(d.expiresOn)}
          </Badge>
        ) : null}
        <span>Uploaded by <bdi>{d.uploadedBy}</bdi>, {formatInstant(d.createdAt)}</span>
        <span className="font-mono" title={`SHA-256 ${d.sha256}`}>SHA-256 {d.sha256.slice(0, 12)}…</span>
      </div>
    </div>
  );
}

/**
 * A checkpoint's evidence or a partnership's documents, every version listed, downloads verified by
 * the server. A client component fed the documents as data: as server markup each was ~25 values of
 * the page's payload (bench/results/notes.md, 2026-12-06).
 */
export function DocumentList({ documents, today, emptyText }: { documents: readonly DocumentDto[]; today: IsoDay; emptyText: string }) {
  const groups = groupVersions(documents);
  if (!groups.length) return <p className="text-sm muted">{emptyText}</p>;
  return (
    <ul className="space-y-2" aria-label="Documents">
      {groups.map(([current, ...older]) => (
        <li key={current!.seriesId} className="rounded-lg border border-slate-200 px-3 py-2 text-sm dark:border-slate-800" data-document={current!.fileName}>
          <Row d={current!} today={today} />
          {older.length ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs font-medium ink">{older.length} earlier version{older.length === 1 ? '' : 's'}</summary>
              <ul className="mt-1 space-y-1 border-l-2 border-slate-200 pl-3 dark:border-slate-700">
                {older.map((d) => <li key={d.id}><Row d={d} today={today} older /></li>)}
              </ul>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
