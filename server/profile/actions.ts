'use server';

import { revalidatePath } from 'next/cache';
import type { Route } from 'next';
import { redirect } from 'next/navigation';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { changeOwnPasswordCommand, renameSelfCommand, signOutOtherSessionsCommand, signOutSessionCommand } from './commands';

// Thin entry points: the command checks the permission first, parses, mutates, audits.
export async function renameSelfAction(_prev: ActionState, formData: FormData) {
  const state = await renameSelfCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/', 'layout'); // the header shows the name
  return state;
}

export async function changeOwnPasswordAction(_prev: ActionState, formData: FormData) {
  const state = await changeOwnPasswordCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/profile');
  return state;
}

/** The first-sign-in page: once the temporary password is replaced, on to where they were going. */
export async function chooseFirstPasswordAction(_prev: ActionState, formData: FormData) {
  const state = await changeOwnPasswordCommand(currentActor, Object.fromEntries(formData));
  if (state.status !== 'success') return state;
  redirect('/' as Route);
}

export async function signOutOtherSessionsAction(_prev: ActionState, formData: FormData) {
  const state = await signOutOtherSessionsCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/profile');
  return state;
}

export async function signOutSessionAction(_prev: ActionState, formData: FormData) {
  const state = await signOutSessionCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/profile');
  return state;
}
