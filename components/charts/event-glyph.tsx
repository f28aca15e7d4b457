import type { ChartEventKind } from '@/lib/dashboard';

/**
 * The colours and shapes of deal events, shared by the chart's markers, its legend and the list
 * under it: stage moves are violet circles, other deal events amber diamonds (shape and colour
 * both differ, so the two read apart without colour vision).
 */
export const EVENT_COLORS = { stage: '#7c3aed', other: '#f59e0b' } as const;

export function EventGlyph({ kind }: { kind: ChartEventKind | 'other' }) {
  return kind === 'stage'
    ? <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-full" style={{ background: EVENT_COLORS.stage }} />
    : <span aria-hidden className="inline-block size-2 shrink-0 rotate-45" style={{ background: EVENT_COLORS.other }} />;
}
