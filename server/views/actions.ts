'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { runFormCommand } from '@/server/actions/form-input';
import { createViewCommand, deleteViewCommand, updateViewCommand } from './commands';

// runFormCommand revalidates the partnership pages (the metrics explorer); the portfolio is "/".
async function run(command: Parameters<typeof runFormCommand>[0], formData: FormData): Promise<ActionState> {
  const state = await runFormCommand(command, formData);
  if (state.status === 'success') revalidatePath('/');
  return state;
}

export async function createViewAction(_prev: ActionState, formData: FormData) {
  return run(createViewCommand, formData);
}
export async function updateViewAction(_prev: ActionState, formData: FormData) {
  return run(updateViewCommand, formData);
}
export async function deleteViewAction(_prev: ActionState, formData: FormData) {
  return run(deleteViewCommand, formData);
}
