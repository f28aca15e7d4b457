/**
 * Several choices as checkboxes in a fieldset (issue 13: native multi-selects showed their
 * selection in pale grey and lost it on an arrow key). Space toggles; long lists scroll.
 */
export function CheckboxPicker({ legend, name, options, selected = [], empty, compact = false }: {
  legend: string;
  name: string;
  options: { id: string; label: string }[];
  selected?: string[];
  empty: string;
  /** A shorter list (about four rows visible) where the picker sits in a one-line form. */
  compact?: boolean;
}) {
  return (
    <fieldset className="min-w-0 basis-full sm:basis-auto sm:min-w-56">
      <legend className="text-xs font-medium">{legend}</legend>
      {options.length === 0 ? (
        <p className="mt-1 text-xs muted">{empty}</p>
      ) : (
        <div className={`mt-0.5 ${compact ? 'max-h-24' : 'max-h-40'} space-y-1 overflow-y-auto rounded-md border border-slate-300 bg-white p-2 dark:border-slate-700 dark:bg-slate-950`}>
          {options.map((o) => (
            <label key={o.id} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name={name} value={o.id} defaultChecked={selected.includes(o.id)} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
              <bdi className="min-w-0 break-words">{o.label}</bdi>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
