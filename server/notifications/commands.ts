import 'server-only';
import { z } from 'zod';
import { markReadSchema, watchSchema } from '@/lib/schemas/inbox';
import { defineCommand } from '@/server/actions/define';
import { setWatching } from '@/server/watches/mutations';
import { markAllNotificationsRead, markNotificationRead } from './mutations';

// The inbox page's buttons and the Watch button on a deal's pages (issue 16).

export const markReadCommand = defineCommand({
  permission: 'inbox.update',
  schema: markReadSchema,
  run: (actor, { id, read }) => markNotificationRead(actor, id, read),
  success: (r) => (r.read ? 'Marked read.' : 'Marked unread.'),
});

export const markAllReadCommand = defineCommand({
  permission: 'inbox.update',
  schema: z.object({}),
  run: (actor) => markAllNotificationsRead(actor),
  success: (r) => (r.marked ? `Marked ${r.marked} read.` : 'Nothing was unread.'),
});

export const watchCommand = defineCommand({
  permission: 'inbox.update',
  schema: watchSchema,
  run: (actor, input) => setWatching(actor, input),
  success: (r) => (r.watching ? 'Watching: its changes will reach your inbox.' : 'No longer watching.'),
});
