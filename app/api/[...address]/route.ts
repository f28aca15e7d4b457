import { noSuchAddress } from '@/server/api/not-allowed';

// An /api address no route answers: a JSON 404 that points to the API's reference, for every
// method, instead of Next.js's HTML page (server/api/not-allowed.ts). Named exports one by one, so
// the scans of the routes on disk (e2e/support/routes.ts) see its methods and send it hostile input.
const answer = noSuchAddress();
export const GET = answer.GET;
export const POST = answer.POST;
export const PUT = answer.PUT;
export const PATCH = answer.PATCH;
export const DELETE = answer.DELETE;
export const OPTIONS = answer.OPTIONS;
