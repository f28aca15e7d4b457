import { inboxQuerySchema } from '@/lib/schemas/inbox';
import { validationError } from '@/server/actions/define';
import { apiRoute } from '@/server/api/handler';
import { findInbox } from '@/server/notifications/queries';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. The caller's own inbox, newest first: ?unread=1, ?limit= (1–100, default 30),
// ?before=<the last id of the page before>. { unread, notifications, next }.
export const GET = apiRoute('inbox.read', async ({ request, actor }) => {
  const parsed = inboxQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  return findInbox(actor.userId ?? '', parsed.data);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
