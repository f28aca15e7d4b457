'use client';

// A client component fed plain data, as the table's rows are (explorer-rows.tsx): a deal in 60
// regions rendered 60 labelled checkboxes as server elements on every view of the explorer, which
// cost more of the page's server time than the whole table (issue 14; bench/results/notes.md).

/** The explorer's region checkboxes: every region with data, ticked when chosen (none chosen: all). */
export function RegionChoices({ regions, chosen }: { regions: { code: string; name: string }[]; chosen: string[] | 'all' }) {
  const ticked = chosen === 'all' ? null : new Set(chosen);
  if (!regions.length) return <span className="text-sm text-slate-500">No region has data yet.</span>;
  return regions.map((r) => (
    <label key={r.code} title={r.name}>
      <input type="checkbox" name="region" value={r.code} defaultChecked={!ticked || ticked.has(r.code)} />
      {r.code}
    </label>
  ));
}
