'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { approveCommand, rejectCommand, withdrawCommand } from './commands';

type Command = typeof approveCommand | typeof rejectCommand | typeof withdrawCommand;

async function run(command: Command, formData: FormData): Promise<ActionState> {
  const state = (await command(currentActor, Object.fromEntries(formData))) as ActionState;
  // A decision moves a region or a deal: every page that shows them.
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}

/** One form, two buttons: `decision=approve` or `decision=reject` (the clicked button's value). */
export async function decideAction(_prev: ActionState, formData: FormData) {
  return run(formData.get('decision') === 'reject' ? rejectCommand : approveCommand, formData);
}
export async function withdrawAction(_prev: ActionState, formData: FormData) {
  return run(withdrawCommand, formData);
}
