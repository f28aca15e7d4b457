import type { ActionState } from '@/lib/action-state';

/**
 * A field's messages from a refused action. Commands that wrap an input (`{ slug, patch }`,
 * `{ slug, move }`) report zod paths such as `patch.name`; the form's field is `name`.
 */
export function errorsFor(state: ActionState, field: string): string[] {
  if (state.status !== 'error' || !state.fieldErrors) return [];
  return Object.entries(state.fieldErrors)
    .filter(([key]) => key === field || key.replace(/^(patch|move)\./, '') === field)
    .flatMap(([, messages]) => messages);
}
