import { searchInputFrom } from '@/lib/schemas/search';
import { validationError } from '@/server/actions/define';
import { apiRoute } from '@/server/api/handler';
import { searchEverything } from '@/server/search/queries';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. Everything the caller may read that matches ?q= (partial and misspelt words), ranked;
// ?page= and ?limit= page through it. 422 names what is wrong with the query.
export const GET = apiRoute('partnerships.read', async ({ request, actor }) => {
  const parsed = searchInputFrom(new URL(request.url).searchParams);
  if (!parsed.success) throw validationError(parsed.error);
  const { query, results, page, hasMore } = await searchEverything(actor, parsed.data);
  return { query, page, hasMore, results };
}, { partners: 'scoped' }); // partner users find what is shared with them (server/search/queries.ts)

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
