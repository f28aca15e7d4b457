'use server';

import { currentActor } from '@/server/auth/session';
import { recordReviewVisitCommand } from './commands';

/** Called once by the dashboard after it has loaded (components/dashboard/record-visit.tsx); no revalidation: nothing on screen changes. */
export async function recordReviewVisitAction(partnershipId: string) {
  const state = await recordReviewVisitCommand(currentActor, { partnershipId });
  return state.status;
}
