import { noteRoutes } from '@/server/notes/routes';

// GET the notes on this checkpoint (oldest first); POST { "body" } writes one (201). docs/api.md, Notes.
export const { GET, POST } = noteRoutes('checkpoint');
