'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { updateConfidentialAccessCommand, updateMetricPoliciesCommand } from './commands';

// Thin entry points: the command checks the permission first, parses, mutates, audits.
export async function updateMetricPoliciesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await updateMetricPoliciesCommand(currentActor, Object.fromEntries(formData));
  // Every page that shows metrics (explorer, dashboard, portfolio) follows the new sharing.
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}

export async function updateConfidentialAccessAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await updateConfidentialAccessCommand(currentActor, Object.fromEntries(formData));
  if (state.status === 'success') revalidatePath('/', 'layout');
  return state;
}
