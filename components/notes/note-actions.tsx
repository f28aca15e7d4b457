'use client';

import { useRef, useState } from 'react';
import { ActionOutcome, useActionForm } from '@/components/forms/action-form';
import { buttonClass, secondaryButtonClass } from '@/components/forms/form-message';
import { deleteNoteAction, editNoteAction } from '@/server/notes/actions';
import { MarkupHint } from './markup-hint';
import { MentionTextarea } from './mention-textarea';

const linkButton = 'text-xs font-medium text-slate-700 underline-offset-2 hover:underline dark:text-slate-300';

/**
 * Edit (its author) and Delete (its author or an administrator) under a note. Editing swaps the
 * note for a form in place; deleting asks once, in place. The server checks both again.
 */
export function NoteActions({ id, version, body, canEdit, canDelete, children }: {
  id: string; version: number; body: string; canEdit: boolean; canDelete: boolean; children: React.ReactNode;
}) {
  const [chosen, setChosen] = useState<'view' | 'edit' | 'confirm'>('view');
  const edit = useActionForm(editNoteAction);
  const remove = useActionForm(deleteNoteAction);
  const editButton = useRef<HTMLButtonElement>(null);
  // The save result the edit began after: a newer success closes the form (derived, not an effect).
  const [editFrom, setEditFrom] = useState(edit.state);
  const mode = chosen === 'edit' && edit.state !== editFrom && edit.state.status === 'success' ? 'view' : chosen;
  const setMode = (next: 'view' | 'edit' | 'confirm') => {
    setEditFrom(edit.state);
    setChosen(next);
  };

  if (mode === 'edit') {
    return (
      <form action={edit.formAction} onSubmit={edit.onSubmit} className="space-y-2">
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="version" value={version} />
        <MentionTextarea name="body" label="Edit the note" defaultValue={body} autoFocus invalid={edit.state.status === 'error'} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <MarkupHint submit="saves it" />
          <div className="flex gap-2">
            <button type="button" className={secondaryButtonClass} onClick={() => { setMode('view'); requestAnimationFrame(() => editButton.current?.focus()); }}>Cancel</button>
            <button type="submit" disabled={edit.pending} className={buttonClass}>{edit.pending ? 'Saving…' : 'Save note'}</button>
          </div>
        </div>
        <ActionOutcome state={edit.state} />
      </form>
    );
  }
  return (
    <>
      {children}
      {canEdit || canDelete ? (
        <div className="mt-1 flex flex-wrap items-center gap-3">
          {canEdit ? <button ref={editButton} type="button" className={linkButton} onClick={() => setMode('edit')}>Edit</button> : null}
          {canDelete && mode === 'view' ? <button type="button" className={linkButton} onClick={() => setMode('confirm')}>Delete</button> : null}
          {mode === 'confirm' ? (
            <form action={remove.formAction} onSubmit={remove.onSubmit} className="flex flex-wrap items-center gap-2" role="group" aria-label="Confirm deleting this note">
              <input type="hidden" name="id" value={id} />
              <span className="text-xs ink">Delete this note for everyone?</span>
              <button type="submit" autoFocus disabled={remove.pending} className="rounded-md bg-rose-700 px-2 py-1 text-xs font-semibold text-white hover:bg-rose-800 disabled:opacity-60">
                {remove.pending ? 'Deleting…' : 'Delete note'}
              </button>
              <button type="button" className={linkButton} onClick={() => setMode('view')}>Keep it</button>
            </form>
          ) : null}
        </div>
      ) : null}
      <ActionOutcome state={remove.state} />
    </>
  );
}
