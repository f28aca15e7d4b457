'use client';

import { useEffect, useRef } from 'react';
import { ActionOutcome, useActionForm } from '@/components/forms/action-form';
import { buttonClass } from '@/components/forms/form-message';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import { createNoteAction } from '@/server/notes/actions';
import { MarkupHint } from './markup-hint';
import { MentionTextarea } from './mention-textarea';

/** "Add a note" under a thread: the text is kept when the save is refused, cleared when it is saved. */
export function NoteComposer({ subjectType, subjectId, label = 'Add a note', offerSharing = false }: {
  subjectType: NoteSubjectKind; subjectId: string; label?: string;
  /** "Visible to partners": the company's notes are internal unless ticked (issue 17). */
  offerSharing?: boolean;
}) {
  const { state, formAction, pending, onSubmit } = useActionForm(createNoteAction);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === 'success') form.current?.reset();
  }, [state]);
  const invalid = state.status === 'error' && !!state.fieldErrors?.body;
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} className="space-y-2" data-testid="note-composer">
      <input type="hidden" name="subjectType" value={subjectType} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <MentionTextarea key={state.status === 'success' ? `saved-${state.data && (state.data as { id?: string }).id}` : 'draft'}
        name="body" label={label} invalid={invalid} defaultValue={state.status === 'error' ? state.values?.body : undefined} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <MarkupHint />
        {offerSharing ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="sharedWithPartners" className="size-4 accent-brand-600" />
            Visible to partners
          </label>
        ) : null}
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Adding…' : 'Add note'}</button>
      </div>
      <ActionOutcome state={state} />
    </form>
  );
}
