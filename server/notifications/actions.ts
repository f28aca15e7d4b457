'use server';

import type { ActionState } from '@/lib/action-state';
import { runFormCommand } from '@/server/actions/form-input';
import { markAllReadCommand, markReadCommand, watchCommand } from './commands';

export async function markReadAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(markReadCommand, formData);
}
export async function markAllReadAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(markAllReadCommand, formData);
}
export async function watchAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(watchCommand, formData);
}
