/**
 * "Since your last review" (issue 13, finding 4): a review is a sitting, as a person means it.
 *
 * A sitting starts with a visit and takes in every visit within SITTING_MINUTES of that first
 * visit; the first visit after that starts the next sitting. The baseline a reader compares
 * against is the START of the previous sitting, so what changed while they last looked is shown
 * again rather than missed.
 *
 * Why a window from the sitting's start and not a gap between visits: with "a gap under 30
 * minutes continues the review", someone who looks every few minutes never ends a review, so
 * their baseline never moves (ten visits in 32 minutes still said "first visit").
 */
export const SITTING_MINUTES = 30;
const SITTING_MS = SITTING_MINUTES * 60_000;

/** What is stored per person and partnership (dashboard_visits); null before the first visit. */
export type Sittings = { sittingStartedAt: Date; previousSittingStartedAt: Date | null } | null;

function startsNewSitting(s: NonNullable<Sittings>, now: Date): boolean {
  return now.getTime() - s.sittingStartedAt.getTime() >= SITTING_MS;
}

/** The baseline for a visit at `now`: the start of the previous sitting, or null (no earlier sitting). */
export function reviewBaseline(s: Sittings, now: Date): Date | null {
  if (!s) return null;
  return startsNewSitting(s, now) ? s.sittingStartedAt : s.previousSittingStartedAt;
}

/** The stored sittings after a visit at `now`; the same object when the visit changes nothing. */
export function afterVisit(s: Sittings, now: Date): NonNullable<Sittings> {
  if (!s) return { sittingStartedAt: now, previousSittingStartedAt: null };
  return startsNewSitting(s, now) ? { sittingStartedAt: now, previousSittingStartedAt: s.sittingStartedAt } : s;
}
