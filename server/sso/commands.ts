import 'server-only';
import { signInPolicySchema } from '@/lib/schemas/sign-in-policy';
import { defineCommand } from '@/server/actions/define';
import { updateSignInPolicy } from './mutations';

// The administrators' "Single sign-on" page (/admin/single-sign-on).
export const updateSignInPolicyCommand = defineCommand({
  permission: 'signin.manage',
  schema: signInPolicySchema,
  run: (actor, input) => updateSignInPolicy(actor, input),
  success: (result) => (result.changed ? 'Saved how people sign in.' : 'Nothing changed.'),
});
