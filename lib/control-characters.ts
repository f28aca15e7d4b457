// Control characters (C0 except tab and line breaks, DEL, and the C1 block) are never meaningful in
// a name, a note, an id, a filter or an address, and PostgreSQL refuses NUL outright (issue 13,
// finding 8). Shared by the zod text helpers (lib/schemas/text.ts) and the proxy (proxy.ts).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** True when `value` holds a control character that no Accord field accepts (tab and line breaks pass). */
export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}

/** What is wrong with a request's address, in words, or null: undecodable escapes or control characters (tab and line breaks included). */
export function addressProblem(pathname: string, search: URLSearchParams): string | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return 'The address has a malformed %-escape.';
  }
  if (ANY_CONTROL.test(path)) return 'The address contains control characters (such as NUL), which no page or record uses.';
  for (const [key, value] of search) {
    if (ANY_CONTROL.test(key) || ANY_CONTROL.test(value)) return `The query parameter "${key.replace(ANY_CONTROL, '').slice(0, 40)}" contains control characters, which no filter accepts.`;
  }
  return null;
}
