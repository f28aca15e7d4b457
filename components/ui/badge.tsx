export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'brand';

// The badge's utilities live in app/globals.css (.badge, .badge-<tone>): a page with dozens of
// badges sends two short class names each instead of thirteen utilities (decision 022).
const TONES: Record<Tone, string> = {
  neutral: 'badge-neutral',
  info: 'badge-info',
  success: 'badge-success',
  warning: 'badge-warning',
  danger: 'badge-danger',
  brand: 'badge-brand',
};

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`badge ${TONES[tone]}`}>
      {children}
    </span>
  );
}
