/**
 * @mentions in a note (issue 15). A person is mentioned by their e-mail address after an @
 * ("@ana.ruiz@apple.example"): unique, readable in the plain text an author edits, and needs no
 * hidden markup. The server keeps who a note mentions at each save (note_mentions); the page shows
 * a mention as the person's name.
 */

// An e-mail address after an @ that starts the text or follows a space or an opening bracket.
// The address part is deliberately plain (RFC 5321 "dot-atom" without quotes): what people type.
const ADDRESS = String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`;
export const MENTION = new RegExp(String.raw`(^|[\s([{"'])@(${ADDRESS})`, 'g');

/** The addresses a note's text mentions, lower-cased, each once, in order of first mention. */
export function mentionedEmails(body: string): string[] {
  const out = new Set<string>();
  for (const match of body.matchAll(MENTION)) out.add(trimTrailingDot(match[2] ?? '').toLowerCase());
  return [...out];
}

// "@ana@apple.example." at the end of a sentence: the full stop is not part of the address.
function trimTrailingDot(address: string): string {
  return address.replace(/\.+$/, '');
}

/** Splits text into plain runs and mentions, for rendering (mentions keep their typed spelling). */
export function splitMentions(text: string): ({ text: string } | { email: string; typed: string })[] {
  const out: ({ text: string } | { email: string; typed: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    const address = trimTrailingDot(match[2] ?? '');
    const start = match.index + (match[1] ?? '').length;
    if (start > last) out.push({ text: text.slice(last, start) });
    out.push({ email: address.toLowerCase(), typed: `@${address}` });
    last = start + 1 + address.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/**
 * The mention being typed at the caret, for suggestions: "@an" right before the caret (after a
 * space or the start) gives { query: 'an', start }, where start is the @'s index. Null otherwise.
 */
export function mentionAt(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const match = /(^|[\s([{"'])@([A-Za-z0-9._%+@-]{0,60})$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { query, start: caret - query.length - 1 };
}

/**
 * Whether a person matches the letters typed after an @: their name or address contains them, in
 * any case. The same rule as the server's suggestions (findMentionablePeople, server/notes/queries.ts),
 * so the composer can narrow what it lists at each keystroke before the server's answer arrives.
 */
export function mentionMatches(person: { name: string; email: string }, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || person.name.toLowerCase().includes(q) || person.email.toLowerCase().includes(q);
}
