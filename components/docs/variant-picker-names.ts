/**
 * Scalar (0.9.83) labels the picker of a response's schema variants (a response that is `oneOf`
 * two schemas, such as a partnership as its own team or as the partner sees it) `aria-label="Schema"`
 * while the button shows the chosen variant, "Partnership". A speech-input user says what they see
 * and nothing answers: WCAG 2.5.3, "label in name" (axe's label-content-name-mismatch). Scalar
 * offers no option for it, so this keeps each such button's name as its visible text followed by
 * "schema", also after another variant is chosen. docs/decisions/019-openapi.md.
 */
export const VARIANT_PICKER = '[data-testid="response-variant-picker"]';

export function nameVariantPickers(root: ParentNode) {
  for (const button of root.querySelectorAll<HTMLElement>(VARIANT_PICKER)) {
    const shown = button.textContent?.replace(/\s+/g, ' ').trim();
    if (!shown) continue;
    const name = `${shown} schema`;
    // Only when it differs: writing an attribute is not a change this observer listens to, and
    // never writing the same value twice keeps the two from chasing each other.
    if (button.getAttribute('aria-label') !== name) button.setAttribute('aria-label', name);
  }
}

/** Names the pickers now and whenever Scalar draws or redraws part of the reference; returns the cleanup. */
export function keepVariantPickersNamed(root: HTMLElement): () => void {
  nameVariantPickers(root);
  const observer = new MutationObserver(() => nameVariantPickers(root));
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
