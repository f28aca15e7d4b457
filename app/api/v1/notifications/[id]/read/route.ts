import { apiRoute } from '@/server/api/handler';
import { markNotificationRead } from '@/server/notifications/mutations';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. POST marks one of the caller's notifications read, DELETE marks it unread again:
// { id, read, unread } (the caller's unread count after it). Someone else's id is a 404.
export const POST = apiRoute<{ id: string }>('inbox.update', async ({ actor, params }) => markNotificationRead(actor, params.id.slice(0, 64), true));
export const DELETE = apiRoute<{ id: string }>('inbox.update', async ({ actor, params }) => markNotificationRead(actor, params.id.slice(0, 64), false));

export const { GET, PUT, PATCH, OPTIONS } = otherMethods(['POST', 'DELETE']);
