'use server';

import type { ActionState } from '@/lib/action-state';
import { runFormCommand } from '@/server/actions/form-input';
import { rolloutGatesCommand, updateRolloutCommand } from './commands';

export async function updateRolloutAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(updateRolloutCommand, formData);
}
export async function rolloutGatesAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(rolloutGatesCommand, formData);
}
