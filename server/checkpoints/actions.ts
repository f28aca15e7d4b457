'use server';

import type { ActionState } from '@/lib/action-state';
import { runFormCommand } from '@/server/actions/form-input';
import { createCheckpointCommand, deleteCheckpointCommand, updateCheckpointCommand } from './commands';

export async function updateCheckpointAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(updateCheckpointCommand, formData);
}
export async function createCheckpointAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(createCheckpointCommand, formData);
}
export async function deleteCheckpointAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(deleteCheckpointCommand, formData);
}
