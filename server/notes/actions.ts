'use server';

import type { ActionState } from '@/lib/action-state';
import { runFormCommand } from '@/server/actions/form-input';
import { createNoteCommand, deleteNoteCommand, editNoteCommand } from './commands';

export async function createNoteAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(createNoteCommand, formData);
}
export async function editNoteAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(editNoteCommand, formData);
}
export async function deleteNoteAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(deleteNoteCommand, formData);
}
