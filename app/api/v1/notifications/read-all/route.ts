import { apiRoute } from '@/server/api/handler';
import { markAllNotificationsRead } from '@/server/notifications/mutations';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. Marks every unread notification of the caller read: { marked, unread: 0 }.
export const POST = apiRoute('inbox.update', async ({ actor }) => markAllNotificationsRead(actor));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
