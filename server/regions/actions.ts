'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { addPartnershipRegionCommand, createRegionCommand, removePartnershipRegionCommand, updateRegionCommand } from './commands';

// Thin entry points: the command checks the permission first, parses, mutates, audits.
export async function createRegionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await createRegionCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/admin/regions');
  return state;
}

export async function updateRegionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await updateRegionCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/', 'layout'); // region names appear on every dashboard
  return state;
}

export async function addPartnershipRegionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await addPartnershipRegionCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/partnerships/[slug]', 'layout');
  return state;
}

export async function removePartnershipRegionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await removePartnershipRegionCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/partnerships/[slug]', 'layout');
  return state;
}
