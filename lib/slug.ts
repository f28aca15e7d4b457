/**
 * The web address suggested for a name: "Apple Pay × Alipay" -> "apple-pay-alipay". The partnership
 * form suggests it as the name is typed; apart from lib/schemas/partnerships.ts (which re-exports it)
 * so that client form does not bring zod to the browser.
 */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}
