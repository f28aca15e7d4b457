'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { retryJobCommand } from './commands';

// Thin entry point: the command checks the permission first, parses, mutates, audits.
export async function retryJobAction(_prev: ActionState, formData: FormData) {
  const state = await retryJobCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/admin/jobs');
  return state;
}
