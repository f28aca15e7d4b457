'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import type { ActorSource } from '@/server/actions/define';
import { currentActor } from '@/server/auth/session';
import { bulkMilestoneCommand, createCheckpointCommand, createMilestoneCommand, rolloutGatesCommand, deleteMilestoneCommand, moveMilestoneCommand, restoreMilestoneCommand, updateCheckpointCommand, updateMilestoneCommand, updateRolloutCommand } from './commands';

type Command = (actor: ActorSource, raw: unknown) => Promise<ActionState<unknown>>;

async function run(command: Command, formData: FormData): Promise<ActionState> {
  // Multi-valued fields (dependencies, selected rows) keep every value.
  const raw = {
    ...Object.fromEntries(formData),
    dependsOnIds: formData.getAll('dependsOnIds'),
    selected: formData.getAll('selected'),
    checkpointIds: formData.getAll('checkpointIds'),
    milestoneIds: formData.getAll('milestoneIds'),
  };
  const state = await command(currentActor, raw); // the session is read inside the command's error handling
  // After a refusal nothing is revalidated, so the form keeps what the person typed.
  if (state.status === 'success') revalidatePath('/partnerships/[slug]', 'layout');
  return state;
}

export async function updateMilestoneAction(_prev: ActionState, formData: FormData) {
  return run(updateMilestoneCommand, formData);
}
export async function updateCheckpointAction(_prev: ActionState, formData: FormData) {
  return run(updateCheckpointCommand, formData);
}
export async function updateRolloutAction(_prev: ActionState, formData: FormData) {
  return run(updateRolloutCommand, formData);
}
export async function createMilestoneAction(_prev: ActionState, formData: FormData) {
  return run(createMilestoneCommand, formData);
}
export async function moveMilestoneAction(_prev: ActionState, formData: FormData) {
  return run(moveMilestoneCommand, formData);
}
export async function bulkMilestoneAction(_prev: ActionState, formData: FormData) {
  return run(bulkMilestoneCommand, formData);
}
export async function deleteMilestoneAction(_prev: ActionState, formData: FormData) {
  return run(deleteMilestoneCommand, formData);
}
export async function restoreMilestoneAction(_prev: ActionState, formData: FormData) {
  return run(restoreMilestoneCommand, formData);
}
export async function createCheckpointAction(_prev: ActionState, formData: FormData) {
  return run(createCheckpointCommand, formData);
}
export async function rolloutGatesAction(_prev: ActionState, formData: FormData) {
  return run(rolloutGatesCommand, formData);
}
