import { Badge } from '@/components/ui/badge';
import { STAGE_LABELS, type PartnershipStage } from '@/lib/domain';

export type StageAgeFacts = { days: number; limit: number | null; overdue: boolean };

/** "123 days in stage", flagged (with the stage's threshold in words) when it sat there too long. */
export function StageAge({ stage, age }: { stage: PartnershipStage; age: StageAgeFacts }) {
  const days = `${age.days} day${age.days === 1 ? '' : 's'} in stage`;
  if (!age.overdue || age.limit === null) return <span className="text-xs muted">{days}</span>;
  const why = `${STAGE_LABELS[stage]} for ${age.days} days: longer than its ${age.limit}-day threshold`;
  return (
    <span className="inline-flex flex-wrap items-center gap-1 text-xs font-medium text-amber-900 dark:text-amber-200">
      {days}
      <Badge tone="warning" title={why}>Stale: over {age.limit} days</Badge>
    </span>
  );
}
