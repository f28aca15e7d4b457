import { ROLE_PERMISSIONS, isWrite } from '@/lib/permissions';
import { apiRoute } from '@/server/api/handler';
import { otherMethods } from '@/server/api/not-allowed';

// Who am I? Lets a script check its token: the user, role and what the token may do.
export const GET = apiRoute('partnerships.read', async ({ actor }) => {
  const permissions = actor.role ? ROLE_PERMISSIONS[actor.role].filter((p) => !(actor.readOnly && isWrite(p))) : [];
  return { email: actor.email, name: actor.name, role: actor.role, via: actor.kind, readOnly: actor.readOnly ?? false, permissions };
}, { partners: 'scoped' }); // one's own identity: partners too (issue 17)

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
