import type { Route } from 'next';
import Link from '@/components/link';

export type Fact = { label: string; value: React.ReactNode };

/**
 * The top of a milestone's, checkpoint's or rollout's own page: where it lives (the deal, then the
 * dashboard section it comes from), its name, its state and its facts as a definition list.
 */
export function DetailHeader({ partnership, section, title, badges, facts, actions }: {
  partnership: { name: string; slug: string };
  section: { label: string; anchor: string };
  title: string;
  badges?: React.ReactNode;
  facts: Fact[];
  /** Buttons about the thing itself (Watch). */
  actions?: React.ReactNode;
}) {
  const deal = `/partnerships/${partnership.slug}`;
  return (
    <header className="space-y-3">
      <nav aria-label="Breadcrumb" className="text-sm muted">
        <ol className="flex flex-wrap items-center gap-1">
          <li className="min-w-0"><Link href={deal as Route} className="underline-offset-2 hover:underline"><bdi>{partnership.name}</bdi></Link></li>
          <li aria-hidden="true">›</li>
          <li><Link href={`${deal}#${section.anchor}` as Route} className="underline-offset-2 hover:underline">{section.label}</Link></li>
        </ol>
      </nav>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="user-text min-w-0 text-2xl font-semibold tracking-tight"><bdi>{title}</bdi></h1>
        {badges}
        {actions ? <div className="ml-auto">{actions}</div> : null}
      </div>
      {facts.length ? (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 card p-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
          {facts.map((f) => (
            <div key={f.label} className="min-w-0">
              <dt className="text-xs font-medium uppercase tracking-wide muted">{f.label}</dt>
              <dd className="user-text mt-0.5">{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </header>
  );
}
