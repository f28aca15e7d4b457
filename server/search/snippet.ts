import 'server-only';

/**
 * A note's markup as plain words, for a title or a snippet: link targets, emphasis and block
 * markers dropped (the page renders the real thing; lib/notes). Line breaks between blocks kept.
 */
export function plainText(markup: string): string {
  return markup
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // [text](url), ![alt](src)
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1') // <https://…>
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '') // headings, quotes, list markers
    .replace(/(\*\*|__|\*|_|~~|`+)(?=\S)([^\n]*?\S)\1/g, '$2') // **bold**, _italic_, `code`
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** At most `max` characters, cut at a space where one is near, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * About `max` characters of `text` around where the query matched: the whole query as typed, else
 * its longest word, else the start of a word (a misspelt word usually keeps its first letters),
 * else the beginning.
 */
export function snippetAround(text: string, query: string, max = 160): string {
  const flat = plainText(text).replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  const lower = flat.toLowerCase();
  const words = (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).sort((a, b) => b.length - a.length);
  const candidates = [query.toLowerCase(), ...words, ...words.filter((w) => w.length >= 4).map((w) => w.slice(0, 3))];
  let at = -1;
  for (const c of candidates) {
    if (c && (at = lower.indexOf(c)) !== -1) break;
  }
  if (at <= 0) return shorten(flat, max);
  let start = Math.max(0, at - Math.floor(max / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  const body = shorten(flat.slice(start), max - (start > 0 ? 1 : 0));
  return start > 0 ? `…${body}` : body;
}
