/**
 * "Shown to partners" (issue 17): a checkbox plus the marker that says the form shows it, so an
 * unticked box (which sends nothing) still unshares (lib/schemas/form.ts `checkboxes`).
 */
export function SharedWithPartners({ defaultChecked }: { defaultChecked: boolean }) {
  return (
    <label className="flex items-center gap-2 self-end pb-1.5 text-sm">
      <input type="hidden" name="sharedWithPartnersPresent" value="1" />
      <input type="checkbox" name="sharedWithPartners" defaultChecked={defaultChecked} className="size-4 accent-brand-600" />
      Shown to partners
    </label>
  );
}
