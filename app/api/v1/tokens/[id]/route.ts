import { apiRoute } from '@/server/api/handler';
import { revokeApiToken } from '@/server/tokens/mutations';
import { otherMethods } from '@/server/api/not-allowed';

// Revoke one of your own tokens (e.g. a script retiring its own credential).
export const DELETE = apiRoute<{ id: string }>('tokens.manage', async ({ actor, params }) => {
  const result = await revokeApiToken(actor, { tokenId: params.id.slice(0, 64) });
  return { revoked: true, name: result.name, alreadyRevoked: !result.changed };
}, { partners: 'scoped' }); // one's own tokens only (issue 17)

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods(['DELETE']);
