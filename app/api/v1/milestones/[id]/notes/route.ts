import { noteRoutes } from '@/server/notes/routes';

// GET the notes on this milestone (oldest first); POST { "body" } writes one (201). docs/api.md, Notes.
const routes = noteRoutes('milestone');
export const GET = routes.GET;
export const POST = routes.POST;
