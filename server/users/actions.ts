'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import type { ActorSource } from '@/server/actions/define';
import { currentActor } from '@/server/auth/session';
import { changeRoleCommand, createUserCommand, deactivateUserCommand, reactivateUserCommand, resetPasswordCommand } from './commands';

// Thin entry points: the command checks the permission first, parses, mutates, audits.
async function run<R>(command: (actor: ActorSource, raw: unknown) => Promise<ActionState<R>>, formData: FormData) {
  const state = await command(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/admin/users');
  return state;
}

export async function createUserAction(_prev: ActionState, formData: FormData) {
  return run(createUserCommand, formData);
}
export async function changeRoleAction(_prev: ActionState, formData: FormData) {
  return run(changeRoleCommand, formData);
}
export async function deactivateUserAction(_prev: ActionState, formData: FormData) {
  return run(deactivateUserCommand, formData);
}
export async function reactivateUserAction(_prev: ActionState, formData: FormData) {
  return run(reactivateUserCommand, formData);
}
export async function resetPasswordAction(_prev: ActionState, formData: FormData) {
  return run(resetPasswordCommand, formData);
}
