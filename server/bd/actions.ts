'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { updateCheckpointCommand, updateMilestoneCommand, updateRolloutCommand } from './commands';

type Command = (actor: Awaited<ReturnType<typeof currentActor>>, raw: unknown) => Promise<ActionState<unknown>>;

async function run(command: Command, formData: FormData): Promise<ActionState> {
  const state = await command(await currentActor(), Object.fromEntries(formData));
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
