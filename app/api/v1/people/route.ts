import { filterText } from '@/lib/schemas/text';
import { apiRoute } from '@/server/api/handler';
import { validationError } from '@/server/actions/define';
import { findMentionablePeople } from '@/server/notes/queries';
import { otherMethods } from '@/server/api/not-allowed';

const query = filterText('The search', 100);

// People who can be @mentioned, matching ?q= by name or address (the note composer's suggestions).
export const GET = apiRoute('partnerships.read', async ({ request }) => {
  const parsed = query.safeParse(new URL(request.url).searchParams.get('q') ?? '');
  if (!parsed.success) throw validationError(parsed.error);
  return { people: await findMentionablePeople(parsed.data) };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
