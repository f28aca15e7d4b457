'use server';

import type { Route } from 'next';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { createPartnershipCommand, moveStageCommand, updatePartnershipCommand } from './commands';

type Command = typeof createPartnershipCommand | typeof updatePartnershipCommand | typeof moveStageCommand;

/** The form's fields; repeated ones (the parties' rows) keep every value, in order. */
function formFields(formData: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = Object.fromEntries(formData);
  if (formData.has('partyOrganization')) {
    raw.partyOrganization = formData.getAll('partyOrganization');
    raw.partyRole = formData.getAll('partyRole');
  }
  return raw;
}

async function run(command: Command, formData: FormData): Promise<ActionState> {
  const raw = formFields(formData);
  const state = (await command(currentActor, raw)) as ActionState;
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}

export async function createPartnershipAction(_prev: ActionState, formData: FormData) {
  const state = await run(createPartnershipCommand, formData);
  // Opened: go to its dashboard (with or without JavaScript). redirect() throws, so outside run().
  if (state.status === 'success') redirect(`/partnerships/${(state.data as { slug: string }).slug}?opened=1` as Route);
  return state;
}
export async function updatePartnershipAction(_prev: ActionState, formData: FormData) {
  return run(updatePartnershipCommand, formData);
}
export async function moveStageAction(_prev: ActionState, formData: FormData) {
  return run(moveStageCommand, formData);
}
