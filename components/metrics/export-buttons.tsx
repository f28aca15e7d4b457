import type { ExplorerView } from '@/lib/metrics-explorer';
import { metricsQueryString, type MetricFormat } from '@/lib/schemas/metrics-api';

const FORMATS: { format: MetricFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel (XLSX)' },
  { format: 'json', label: 'JSON' },
];

/** Downloads of exactly this view, streamed by the metrics API (every row, whatever the size). */
export function ExportButtons({ view, canExport }: { view: ExplorerView; canExport: boolean }) {
  if (!canExport) return <p className="text-xs muted">Exports are for analysts.</p>;
  return (
    <div className="no-print flex flex-wrap items-center gap-2" role="group" aria-label="Export this view">
      <span className="text-xs font-medium muted">Export all {view.total.toLocaleString('en-US')} rows:</span>
      {FORMATS.map(({ format, label }) => (
        <a key={format} download data-testid={`export-${format}`}
          href={`/api/v1/partnerships/${view.partnership.slug}/metrics?${metricsQueryString({ ...view.query, format, download: true })}`}
          className="rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
          {label}
        </a>
      ))}
    </div>
  );
}
