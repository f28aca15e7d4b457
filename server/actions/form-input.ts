import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/lib/action-state';
import { formToPatch } from '@/lib/schemas/form';
import { reference } from '@/lib/schemas/text';
import type { ActorSource } from '@/server/actions/define';
import { currentActor } from '@/server/auth/session';

/**
 * Helpers shared by the forms of /partnerships/<slug>/manage (milestones, checkpoints, rollouts).
 * The update schemas are the same as PATCH /api/v1/*; `withId` turns a form into `{ id, patch }`.
 */
export const withId = <S extends z.ZodType>(schema: S, fields: Parameters<typeof formToPatch>[1]) =>
  z.preprocess(
    (raw) => {
      const r = (raw ?? {}) as Record<string, unknown>;
      return { id: r.id, patch: formToPatch(r, fields) };
    },
    z.object({ id: reference('id'), patch: schema }),
  );

/** A form field that may come once, many times (checkboxes) or not at all. */
export const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
export const blankToNull = (v: unknown) => (v === '' ? null : v);

type Command = (actor: ActorSource, raw: unknown) => Promise<ActionState<unknown>>;

/** Runs a command for a server action: multi-valued fields keep every value; success revalidates the deal's pages. */
export async function runFormCommand(command: Command, formData: FormData): Promise<ActionState> {
  const raw = {
    ...Object.fromEntries(formData),
    dependsOnIds: formData.getAll('dependsOnIds'),
    selected: formData.getAll('selected'),
    checkpointIds: formData.getAll('checkpointIds'),
    milestoneIds: formData.getAll('milestoneIds'),
  };
  const state = await command(currentActor, raw); // the session is read inside the command's error handling
  // After a refusal nothing is revalidated, so the form keeps what the person typed.
  if (state.status === 'success') revalidatePath('/partnerships/[slug]', 'layout');
  return state;
}
