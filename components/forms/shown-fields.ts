import type { ActionState } from '@/lib/action-state';

/**
 * The outcome to announce when some field messages are already shown under their fields: the
 * same state without those (the alert keeps the summary and any message for another field).
 */
export function withoutShownFields(state: ActionState, shown: string[]): ActionState {
  if (state.status !== 'error' || !state.fieldErrors) return state;
  const rest = Object.fromEntries(Object.entries(state.fieldErrors).filter(([key]) => !shown.includes(key.replace(/^patch\./, ''))));
  return { ...state, fieldErrors: Object.keys(rest).length ? rest : undefined };
}
