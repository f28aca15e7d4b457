/** A signing secret, selectable to copy (shown to administrators only: the receiver needs it). */
export function SecretBox({ id, label, secret }: { id: string; label: string; secret: string }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
      <label htmlFor={id} className="block text-sm font-medium [overflow-wrap:anywhere]">{label}</label>
      <input id={id} readOnly value={secret} spellCheck={false}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm dark:border-slate-700 dark:bg-slate-950" />
    </div>
  );
}
