import type { NoteDto } from '@/server/notes/queries';

const FOLDER = { milestone: 'milestones', checkpoint: 'checkpoints', rollout: 'rollouts' } as const;

/** The page a note lives on: its milestone's, checkpoint's or rollout's own page, or the deal's activity. */
export function notePageHref(slug: string, subject: NoteDto['subject']): string {
  return subject.type === 'partnership' ? `/partnerships/${slug}/activity` : `/partnerships/${slug}/${FOLDER[subject.type]}/${subject.id}`;
}
