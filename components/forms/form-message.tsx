import type { ActionState } from '@/lib/action-state';

/** The result of a form submission, announced to screen readers. */
export function FormMessage({ state }: { state: ActionState<unknown> }) {
  if (state.status === 'idle') return null;
  const ok = state.status === 'success';
  return (
    <p
      role={ok ? 'status' : 'alert'}
      className={`rounded-md border px-3 py-2 text-sm ${
        ok
          ? 'border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100'
          : 'border-rose-300 bg-rose-50 text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100'
      }`}
    >
      {state.message}
    </p>
  );
}

export function FieldError({ state, name }: { state: ActionState<unknown>; name: string }) {
  const messages = state.status === 'error' ? state.fieldErrors?.[name] : undefined;
  if (!messages?.length) return null;
  return (
    <p id={`${name}-error`} className="mt-1 text-xs text-rose-700 dark:text-rose-300">
      {messages.join(' ')}
    </p>
  );
}

export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-950';
export const buttonClass =
  'rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60';
export const secondaryButtonClass =
  'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800 disabled:opacity-60';
