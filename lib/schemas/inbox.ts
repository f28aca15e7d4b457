import { z } from 'zod';
import { NOTE_SUBJECTS } from './notes';
import { reference } from './text';

/** Watch or stop watching a partnership, milestone, checkpoint or rollout (issue 16). */
export const watchSchema = z.object({
  subjectType: z.enum(NOTE_SUBJECTS, { error: 'You can watch a partnership, a milestone, a checkpoint or a rollout.' }),
  subjectId: reference('subject', 200),
  watching: z.enum(['on', 'off'], { error: 'Say whether to watch ("on") or stop ("off").' }).transform((v) => v === 'on'),
});

/** Mark one notification read (or unread again). */
export const markReadSchema = z.object({
  id: reference('notification'),
  read: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

/** GET /api/v1/notifications and the inbox page: `?unread=1`, `?before=<cursor>`, `?limit=`. */
export const inboxQuerySchema = z.object({
  unread: z.enum(['0', '1', 'true', 'false'], { error: 'unread is 1 or 0.' }).optional().transform((v) => v === '1' || v === 'true'),
  before: reference('cursor', 64).optional(),
  limit: z.coerce.number({ error: 'limit is a whole number from 1 to 100.' }).int('limit is a whole number from 1 to 100.').min(1, 'limit is a whole number from 1 to 100.').max(100, 'limit is a whole number from 1 to 100.').default(30),
});

export type WatchInput = z.infer<typeof watchSchema>;
