import 'server-only';
import { createTokenSchema, revokeTokenSchema } from '@/lib/schemas/tokens';
import { defineCommand } from '@/server/actions/define';
import { createApiToken, revokeApiToken } from './mutations';

export const createTokenCommand = defineCommand({
  permission: 'tokens.manage',
  partners: 'scoped', // one's own tokens only; a partner's token carries their scope (issue 17)
  schema: createTokenSchema,
  run: (actor, input) => createApiToken(actor, { ownerId: actor.userId ?? '', ...input }),
  success: (r) => `Created token "${r.name}". Copy it now: it will not be shown again.`,
});

export const revokeTokenCommand = defineCommand({
  permission: 'tokens.manage',
  partners: 'scoped', // one's own tokens only; a partner's token carries their scope (issue 17)
  schema: revokeTokenSchema,
  run: (actor, input) => revokeApiToken(actor, input),
  success: (r) => `Revoked "${r.name}". Scripts using it now get 401.`,
});
