import { noteRoutes } from '@/server/notes/routes';
import { otherMethods } from '@/server/api/not-allowed';

// GET the notes on this partnership (oldest first); POST { "body" } writes one (201). docs/api.md, Notes.
const routes = noteRoutes('partnership');
export const GET = routes.GET;
export const POST = routes.POST;

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
