'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { runFormCommand } from '@/server/actions/form-input';
import { createSubscriptionCommand, deleteSubscriptionCommand, sendSubscriptionNowCommand } from './commands';

async function run(command: Parameters<typeof runFormCommand>[0], formData: FormData): Promise<ActionState> {
  const state = await runFormCommand(command, formData);
  if (state.status === 'success') revalidatePath('/settings/mail');
  return state;
}

export async function createSubscriptionAction(_prev: ActionState, formData: FormData) {
  return run(createSubscriptionCommand, formData);
}
export async function deleteSubscriptionAction(_prev: ActionState, formData: FormData) {
  return run(deleteSubscriptionCommand, formData);
}
export async function sendSubscriptionNowAction(_prev: ActionState, formData: FormData) {
  return run(sendSubscriptionNowCommand, formData);
}
