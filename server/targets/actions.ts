'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { saveTargetsCommand } from './commands';

export async function saveTargetsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await saveTargetsCommand(currentActor, Object.fromEntries(formData));
  // The dashboard's target line and "of target" read the same rows: refresh the whole partnership.
  if (state.status === 'success') revalidatePath('/partnerships/[slug]', 'layout');
  return state;
}
