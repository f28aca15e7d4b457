'use client';

import { useId, useState } from 'react';
import { formatInteger } from '@/lib/format';

/**
 * Text fields with a length limit that is said, not enforced by cutting (issue 13, finding 8: text
 * pasted beyond a field's limit was cut silently, 2,260 -> 2,000 characters). There is no
 * `maxLength`: the field keeps everything typed or pasted, a note under it counts the characters as
 * the limit nears and says how far over it is, the browser will not submit while it is over (a
 * custom validity message), and the server's schema refuses it with a message too.
 * Drop-in: use `limit` where the input had `maxLength`.
 */
type Limit = { limit: number };

export function LimitedInput({ limit, onInput, ...props }: Limit & React.InputHTMLAttributes<HTMLInputElement>) {
  const { length, noteId, describedBy, count, over } = useLimit(limit, props);
  return (
    <>
      <input {...props} aria-describedby={describedBy} aria-invalid={over || props['aria-invalid'] || undefined} onInput={(e) => { count(e.currentTarget); onInput?.(e); }} />
      <LimitNote id={noteId} length={length} limit={limit} />
    </>
  );
}

export function LimitedTextarea({ limit, onInput, ...props }: Limit & React.ComponentProps<'textarea'>) {
  const { length, noteId, describedBy, count, over } = useLimit(limit, props);
  return (
    <>
      <textarea {...props} aria-describedby={describedBy} aria-invalid={over || props['aria-invalid'] || undefined} onInput={(e) => { count(e.currentTarget); onInput?.(e); }} />
      <LimitNote id={noteId} length={length} limit={limit} />
    </>
  );
}

/** "1,950 / 2,000 characters" near the limit; "2,260 / 2,000 characters: 260 over the limit" past it. */
export function limitText(length: number, limit: number): string | null {
  if (length > limit) return `${formatInteger(length)} / ${formatInteger(limit)} characters: ${formatInteger(length - limit)} over the limit`;
  if (length >= limit * 0.9) return `${formatInteger(length)} / ${formatInteger(limit)} characters`;
  return null;
}

function LimitNote({ id, length, limit }: { id: string; length: number; limit: number }) {
  const text = limitText(length, limit);
  const over = length > limit;
  // Always rendered (empty when far from the limit) so the live region exists before it speaks.
  return (
    <span id={id} aria-live="polite" data-testid="length-note"
      className={`block text-xs font-normal ${over ? 'font-medium text-rose-700 dark:text-rose-300' : 'muted'}`}>
      {text}
    </span>
  );
}

type FieldProps = { value?: unknown; defaultValue?: unknown; 'aria-describedby'?: string };

function useLimit(limit: number, props: FieldProps) {
  const noteId = useId();
  const initial = String(props.value ?? props.defaultValue ?? '');
  const [typed, setTyped] = useState<number | null>(null);
  // A controlled field's value is the truth; an uncontrolled one reports what was typed.
  const length = props.value !== undefined ? String(props.value).length : (typed ?? initial.length);
  const over = length > limit;
  const count = (field: HTMLInputElement | HTMLTextAreaElement) => {
    setTyped(field.value.length);
    field.setCustomValidity(field.value.length > limit ? `Shorten this to ${formatInteger(limit)} characters or fewer (it has ${formatInteger(field.value.length)}).` : '');
  };
  const describedBy = [props['aria-describedby'], noteId].filter(Boolean).join(' ');
  return { length, noteId, describedBy, count, over };
}
