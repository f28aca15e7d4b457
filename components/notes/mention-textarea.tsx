'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { LimitedTextarea } from '@/components/forms/limited-text';
import { inputClass } from '@/components/forms/form-message';
import { mentionAt, mentionMatches } from '@/lib/notes/mentions';
import { NOTE_MAX_CHARACTERS } from '@/lib/limits';

type Person = { email: string; name: string };
type Open = { start: number; query: string; people: Person[]; active: number };

/**
 * The note's text field, with @mention suggestions as you type (issue 15): "@" then a few letters of
 * a name or address lists matching people; ↑/↓ choose, Enter or Tab inserts "@address ", Escape
 * closes. The list is a listbox the textarea points at (aria-controls, aria-activedescendant), and a
 * polite status says how many people match. Ctrl/Cmd+Enter submits the form.
 */
export function MentionTextarea({ name, label, defaultValue, invalid, describedBy, autoFocus }: {
  name: string; label: string; defaultValue?: string; invalid?: boolean; describedBy?: string; autoFocus?: boolean;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [open, setOpen] = useState<Open | null>(null);
  const request = useRef<AbortController | null>(null);

  useEffect(() => () => request.current?.abort(), []);

  const lookUp = (text: string, caret: number) => {
    const at = mentionAt(text, caret);
    request.current?.abort();
    if (!at) return setOpen(null);
    // What is listed narrows at once to the letters typed since (the server's rule, mentionMatches),
    // keeping the chosen person if they still match: Enter before the server's answer arrives then
    // never inserts someone the typed letters no longer match (issue 15; "@eri" once gave Ana Lee).
    setOpen((listed) => {
      if (!listed || listed.start !== at.start) return null;
      const people = listed.people.filter((p) => mentionMatches(p, at.query));
      const chosen = listed.people[listed.active];
      return { ...at, people, active: Math.max(0, chosen ? people.indexOf(chosen) : 0) };
    });
    const controller = new AbortController();
    request.current = controller;
    fetch(`/api/v1/people?q=${encodeURIComponent(at.query)}`, { signal: controller.signal, headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<{ people: Person[] }>) : { people: [] }))
      .then(({ people }) => request.current === controller && setOpen({ ...at, people, active: 0 }))
      .catch(() => undefined); // aborted by the next keystroke, or offline: no suggestions, typing goes on
  };

  // Closes the list for good: an answer still on its way must not open it again.
  const dismiss = () => {
    request.current?.abort();
    request.current = null;
    setOpen(null);
  };

  const choose = (person: Person) => {
    const field = ref.current;
    if (!field || !open) return;
    const caret = field.selectionStart;
    const inserted = `@${person.email} `;
    field.setRangeText(inserted, open.start, caret, 'end');
    // Tell React (and the length note) that the text changed.
    field.dispatchEvent(new Event('input', { bubbles: true }));
    dismiss();
    field.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      e.currentTarget.form?.requestSubmit();
      return;
    }
    if (!open?.people.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setOpen({ ...open, active: (open.active + step + open.people.length) % open.people.length });
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      choose(open.people[open.active]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      dismiss();
    }
  };

  const showing = open && open.people.length > 0;
  const optionId = (i: number) => `${listId}-${i}`;
  return (
    <div className="relative">
      <label className="block text-sm font-medium">
        {label}
        <LimitedTextarea
          ref={ref}
          name={name}
          limit={NOTE_MAX_CHARACTERS}
          defaultValue={defaultValue}
          rows={3}
          required
          autoFocus={autoFocus}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          aria-autocomplete="list"
          aria-controls={listId}
          aria-activedescendant={showing ? optionId(open.active) : undefined}
          onInput={(e) => lookUp(e.currentTarget.value, e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={dismiss}
          className={`${inputClass} min-h-20 resize-y font-normal`}
        />
      </label>
      <ul id={listId} role="listbox" aria-label="People to mention" hidden={!showing}
        className="absolute left-0 z-20 mt-1 max-h-64 w-full max-w-sm overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
        {showing
          ? open.people.map((p, i) => (
              <li key={p.email} id={optionId(i)} role="option" aria-selected={i === open.active}
                // mousedown, not click: the textarea would lose focus (and close the list) first
                onMouseDown={(e) => { e.preventDefault(); choose(p); }}
                className={`cursor-pointer px-3 py-1.5 ${i === open.active ? 'bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-brand-300' : ''}`}>
                <span className="font-medium"><bdi>{p.name}</bdi></span> <span className="muted">{p.email}</span>
              </li>
            ))
          : null}
      </ul>
      <span role="status" className="sr-only">
        {open ? (open.people.length ? `${open.people.length} ${open.people.length === 1 ? 'person matches' : 'people match'}; use the arrow keys and Enter to mention` : 'Nobody matches') : ''}
      </span>
    </div>
  );
}
