'use server';

import type { Route } from 'next';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { createOrganizationCommand, deleteOrganizationCommand, updateOrganizationCommand } from './commands';

// Thin entry points: the command checks the permission first, parses, mutates, audits.
export async function createOrganizationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await createOrganizationCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/organizations');
  return state;
}

export async function updateOrganizationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await updateOrganizationCommand(currentActor, Object.fromEntries(formData));
  // Every page that names organizations (the list, the deals' dashboards) shows the new name.
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}

export async function deleteOrganizationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await deleteOrganizationCommand(currentActor, Object.fromEntries(formData));
  if (state.status !== 'success') return state;
  revalidatePath('/organizations');
  redirect(`/organizations?deleted=${encodeURIComponent(state.data?.name ?? '')}` as Route);
}
