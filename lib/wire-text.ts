/**
 * Text that crosses from a server page to a client component written in Latin-1 only. One
 * character beyond Latin-1 (the "→" of every change, "status Planned → Live"; the quotes around a
 * file's name, “term sheet.pdf”) makes V8 hold the page's whole RSC payload as a two-byte string:
 * Next.js 16 copies that string about five times per view, and over 65,536 characters each copy is
 * a large-object allocation (the flagship dashboard with 25 changes listed: 73,554 characters,
 * 5 ms more CPU per view; bench/results/notes.md, 2026-12-05 "One arrow in the payload").
 *
 * Each UTF-16 unit above U+00FF, and the escape sign "¤" itself, is written as "¤" and four hex
 * digits; `fromWire` reverses it exactly for any text (surrogate halves included). For text that
 * is mostly Latin (what the lists carry) the payload stays one-byte at the cost of four characters
 * per arrow; a name in Chinese costs five characters per character instead of two bytes.
 */
const ESCAPE = '¤';
const ENCODE = /[¤\u0100-\uffff]/g;
const DECODE = /¤([0-9a-f]{4})/g;

export const toWire = (text: string): string => text.replace(ENCODE, (c) => ESCAPE + c.charCodeAt(0).toString(16).padStart(4, '0'));

export const fromWire = (wire: string): string => wire.replace(DECODE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
