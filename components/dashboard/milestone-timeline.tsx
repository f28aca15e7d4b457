import Link, { type LinkProps } from '@/components/link';
import type { MilestoneRow } from '@/lib/dashboard';
import { foldMilestones } from '@/lib/milestone-fold';
import { MilestoneList } from './milestone-list';

/**
 * The milestones in due order. With `showAllHref`, the earlier completed ones fold into one line
 * that links there (lib/milestone-fold.ts); without it, every milestone is shown.
 */
export function MilestoneTimeline({ milestones, slug, showAllHref }: { milestones: MilestoneRow[]; slug: string; showAllHref?: LinkProps<string>['href'] }) {
  if (!milestones.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No milestones yet.</p>;
  const { shown, folded } = foldMilestones(milestones, !showAllHref);
  return (
    <>
      {folded && showAllHref ? (
        <p className="mb-3 text-sm text-slate-700 dark:text-slate-300" data-testid="milestones-folded">
          {folded} earlier completed milestones are not shown:{' '}
          <Link href={showAllHref} className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-300">show all {milestones.length} milestones</Link>
        </p>
      ) : null}
      <MilestoneList milestones={shown} slug={slug} />
    </>
  );
}
