'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/action-state';
import { currentActor } from '@/server/auth/session';
import { createWebhookCommand, deleteWebhookCommand, redeliverWebhookCommand, rotateWebhookSecretCommand, updateWebhookCommand } from './commands';

type Command = (who: typeof currentActor, raw: unknown) => Promise<ActionState<unknown>>;

/** Thin entry points: the command checks the permission first, parses, mutates, audits. */
async function run<T>(command: Command, formData: FormData): Promise<ActionState<T>> {
  // The event checkboxes come several times, once, or (none ticked) not at all.
  const raw: Record<string, unknown> = Object.fromEntries(formData);
  if (formData.has('events')) raw.events = formData.getAll('events');
  const state = await command(currentActor, raw);
  if (state.status === 'success') revalidatePath('/admin/webhooks', 'layout');
  return state as ActionState<T>;
}

export async function createWebhookAction(_prev: ActionState, formData: FormData) {
  return run<{ secret: string; host: string; id: string }>(createWebhookCommand, formData);
}
export async function updateWebhookAction(_prev: ActionState, formData: FormData) {
  return run(updateWebhookCommand, formData);
}
export async function rotateWebhookSecretAction(_prev: ActionState, formData: FormData) {
  return run<{ secret: string }>(rotateWebhookSecretCommand, formData);
}
export async function deleteWebhookAction(_prev: ActionState, formData: FormData) {
  return run(deleteWebhookCommand, formData);
}
export async function redeliverWebhookAction(_prev: ActionState, formData: FormData) {
  return run(redeliverWebhookCommand, formData);
}
