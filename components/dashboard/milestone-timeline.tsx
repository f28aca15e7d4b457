import type { LinkProps } from '@/components/link';
import type { MilestoneRow } from '@/lib/dashboard';
import { foldMilestones } from '@/lib/dashboard-fold';
import { FoldNote } from './fold-note';
import { MilestoneList } from './milestone-list';

/**
 * The milestones in due order. With `showAllHref`, the earlier completed ones fold into one line
 * that links there (lib/dashboard-fold.ts); without it, every milestone is shown.
 */
export function MilestoneTimeline({ milestones, slug, showAllHref }: { milestones: MilestoneRow[]; slug: string; showAllHref?: LinkProps<string>['href'] }) {
  if (!milestones.length) return <p className="text-sm muted">No milestones yet.</p>;
  const { shown, folded } = foldMilestones(milestones, !showAllHref);
  return (
    <>
      {folded && showAllHref ? (
        <FoldNote folded={folded} total={milestones.length} what="earlier completed milestones" noun="milestones" href={showAllHref} testId="milestones-folded" />
      ) : null}
      <MilestoneList milestones={shown} slug={slug} />
    </>
  );
}
