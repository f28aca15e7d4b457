'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { buttonClass, inputClass } from '@/components/forms/form-message';
import { ACCEPTED_DOCUMENTS, formatFileSize, MAX_DOCUMENT_BYTES } from '@/lib/documents';

type Current = { id: string; fileName: string };
type Outcome = { kind: 'idle' } | { kind: 'sending'; name: string } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

// What the file picker offers (the server still sniffs every file's bytes: the list is a courtesy).
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.heic,.heif,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.odt,.ods,.odp,.odg,.txt,.csv';

/**
 * Uploads a file with fetch to the documents API (a server action would buffer the whole file and
 * stop at its 1 MB body limit): evidence on a checkpoint (with an optional expiry) or a document
 * of the partnership. "New version of" supersedes a current document. A file over 25 MB is refused
 * here before it is sent, and by the server (413) if it is sent anyway.
 */
export function UploadDocument({ endpoint, evidence, current }: { endpoint: string; evidence: boolean; current: readonly Current[] }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const ids = { file: useId(), hint: useId(), expires: useId(), replaces: useId() };

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0 && !file.name) return setOutcome({ kind: 'error', message: 'Choose a file to upload.' });
    if (file.size > MAX_DOCUMENT_BYTES) {
      return setOutcome({ kind: 'error', message: `“${file.name}” is ${formatFileSize(file.size)}; files can be at most ${formatFileSize(MAX_DOCUMENT_BYTES)}.` });
    }
    for (const key of ['expiresOn', 'supersedes']) if (data.get(key) === '') data.delete(key);
    setOutcome({ kind: 'sending', name: file.name });
    try {
      const response = await fetch(endpoint, { method: 'POST', body: data, headers: { accept: 'application/json' } });
      const body = (await response.json().catch(() => ({}))) as { error?: string; fileName?: string; versionNumber?: number };
      if (!response.ok) {
        const message = response.status === 401 ? 'Your session has ended: sign in again, then upload the file.' : body.error ?? `The upload failed (HTTP ${response.status}).`;
        return setOutcome({ kind: 'error', message });
      }
      setOutcome({ kind: 'done', message: `Uploaded “${body.fileName ?? file.name}”${body.versionNumber && body.versionNumber > 1 ? ` as version ${body.versionNumber}` : ''}.` });
      form.current?.reset();
      router.refresh();
    } catch {
      setOutcome({ kind: 'error', message: 'The upload did not reach Accord (network). Nothing was stored; try again.' });
    }
  };

  const sending = outcome.kind === 'sending';
  return (
    <form ref={form} onSubmit={onSubmit} aria-label={evidence ? 'Upload evidence' : 'Upload a document'} className="space-y-3 rounded-lg border border-dashed border-slate-300 p-3 dark:border-slate-700">
      <div className="flex flex-wrap gap-3">
        <label htmlFor={ids.file} className="block min-w-0 flex-1 basis-64 text-sm font-medium">
          {evidence ? 'Evidence file' : 'File'}
          <input id={ids.file} name="file" type="file" required accept={ACCEPT} aria-describedby={ids.hint}
            className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-sm dark:file:bg-slate-800 dark:file:text-slate-100`} />
        </label>
        {evidence ? (
          <label htmlFor={ids.expires} className="block text-sm font-medium">
            Evidence expires on <span className="font-normal muted">(optional)</span>
            <input id={ids.expires} name="expiresOn" type="date" className={inputClass} />
          </label>
        ) : null}
        {current.length ? (
          <label htmlFor={ids.replaces} className="block min-w-0 basis-56 text-sm font-medium">
            New version of
            <select id={ids.replaces} name="supersedes" defaultValue="" className={inputClass}>
              <option value="">Nothing: a new document</option>
              {current.map((d) => <option key={d.id} value={d.id}>{d.fileName}</option>)}
            </select>
          </label>
        ) : null}
      </div>
      <p id={ids.hint} className="text-xs muted">
        {ACCEPTED_DOCUMENTS}; at most {formatFileSize(MAX_DOCUMENT_BYTES)}. The type is read from the file itself.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={sending} className={buttonClass}>{sending ? 'Uploading…' : evidence ? 'Upload evidence' : 'Upload document'}</button>
        <span role="status" className={`text-sm ${outcome.kind === 'error' ? 'font-medium text-rose-700 dark:text-rose-300' : 'ink'}`}>
          {outcome.kind === 'sending' ? `Uploading “${outcome.name}”…` : outcome.kind === 'idle' ? '' : outcome.message}
        </span>
      </div>
    </form>
  );
}
