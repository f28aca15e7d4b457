import Link, { type LinkProps } from '@/components/link';

/**
 * The line that stands for a section's folded items (lib/fold.ts): how many, and a link that shows
 * them all (the same address with `?…=all`, kept filters and the section's anchor).
 */
export function FoldNote({ folded, total, what, noun, href, testId }: {
  folded: number; total: number;
  /** the folded items in words, plural: "earlier completed milestones" */
  what: string;
  /** the whole list's items, plural: "milestones" */
  noun: string;
  href: LinkProps<string>['href']; testId: string;
}) {
  return (
    <p className="mb-3 text-sm ink" data-testid={testId}>
      {`${folded} ${what} are not shown: `}
      <Link href={href} className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-300">{`show all ${total} ${noun}`}</Link>
    </p>
  );
}
