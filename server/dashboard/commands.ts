import 'server-only';
import { reviewVisitSchema } from '@/lib/schemas/dashboard';
import { defineCommand } from '@/server/actions/define';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { recordReviewVisit } from './review';

/**
 * Records that the reader looked at a dashboard, for "since your last review". Sent by the
 * browser after the page has loaded, so opening the page writes nothing (issue 14, goal 3).
 * Anyone who may read a partnership may record their own visit; API tokens have no visits.
 */
export const recordReviewVisitCommand = defineCommand({
  permission: 'partnerships.read',
  schema: reviewVisitSchema,
  run: async (actor, input) => {
    const p = await db.partnership.findUnique({ where: { id: input.partnershipId }, select: { id: true } });
    if (!p) throw new NotFoundError('This partnership no longer exists.');
    if (actor.userId && actor.kind === 'user') await recordReviewVisit(actor.userId, p.id);
    return { recorded: true };
  },
  success: () => 'Visit recorded.',
});
