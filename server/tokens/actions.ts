'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { createTokenCommand, revokeTokenCommand } from './commands';

export async function createTokenAction(_prev: ActionState, formData: FormData) {
  const state = await createTokenCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/settings/tokens');
  return state;
}

export async function revokeTokenAction(_prev: ActionState, formData: FormData) {
  const state = await revokeTokenCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/settings/tokens');
  return state;
}
