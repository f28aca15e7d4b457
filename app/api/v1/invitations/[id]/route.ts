import { invitationIdSchema } from '@/lib/schemas/invitations';
import { apiRoute } from '@/server/api/handler';
import { NotFoundError } from '@/server/errors';
import { revokeInvitation } from '@/server/invitations/mutations';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. Revokes a pending invitation: its link stops working. Again: 200, alreadyRevoked.
export const DELETE = apiRoute<{ id: string }>('partners.invite', async ({ actor, params }) => {
  const parsed = invitationIdSchema.safeParse({ invitationId: params.id });
  if (!parsed.success) throw new NotFoundError('That invitation does not exist.');
  const result = await revokeInvitation(actor, parsed.data);
  return { revoked: true, email: result.email, alreadyRevoked: !result.changed };
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods(['DELETE']);
