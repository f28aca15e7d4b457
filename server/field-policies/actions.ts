'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { updateFieldPoliciesCommand } from './commands';

// Thin entry point: the command checks the permission first, parses, mutates, audits.
export async function updateFieldPoliciesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await updateFieldPoliciesCommand(currentActor, Object.fromEntries(formData));
  // Every page that shows these fields (dashboard, portfolio, targets, search) follows at once.
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}
