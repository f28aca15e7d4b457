'use server';

import { runFormCommand } from '@/server/actions/form-input';
import { bulkMilestoneCommand, createMilestoneCommand, deleteMilestoneCommand, moveMilestoneCommand, restoreMilestoneCommand, updateMilestoneCommand } from './commands';
import type { ActionState } from '@/lib/action-state';

export async function updateMilestoneAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(updateMilestoneCommand, formData);
}
export async function createMilestoneAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(createMilestoneCommand, formData);
}
export async function moveMilestoneAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(moveMilestoneCommand, formData);
}
export async function bulkMilestoneAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(bulkMilestoneCommand, formData);
}
export async function deleteMilestoneAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(deleteMilestoneCommand, formData);
}
export async function restoreMilestoneAction(_prev: ActionState, formData: FormData) {
  return runFormCommand(restoreMilestoneCommand, formData);
}
