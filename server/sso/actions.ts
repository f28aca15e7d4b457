'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { updateSignInPolicyCommand } from './commands';

// Thin entry point: the command checks the permission first, parses, saves, audits.
export async function updateSignInPolicyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await updateSignInPolicyCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/admin/single-sign-on');
  return state;
}
