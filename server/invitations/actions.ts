'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import type { ActorSource } from '@/server/actions/define';
import { currentActor } from '@/server/auth/session';
import { deactivatePartnerCommand, invitePartnerCommand, reactivatePartnerCommand, revokeInvitationCommand } from './commands';

// Thin entry points: the command checks the permission first, parses, mutates, audits.
async function run<R>(command: (actor: ActorSource, raw: unknown) => Promise<ActionState<R>>, formData: FormData) {
  const state = await command(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/partners');
  return state;
}

export async function invitePartnerAction(_prev: ActionState, formData: FormData) {
  return run(invitePartnerCommand, formData);
}
export async function revokeInvitationAction(_prev: ActionState, formData: FormData) {
  return run(revokeInvitationCommand, formData);
}
export async function deactivatePartnerAction(_prev: ActionState, formData: FormData) {
  return run(deactivatePartnerCommand, formData);
}
export async function reactivatePartnerAction(_prev: ActionState, formData: FormData) {
  return run(reactivatePartnerCommand, formData);
}
