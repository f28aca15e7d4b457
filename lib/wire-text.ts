/**
 * Text that crosses from a server page to a client component with its "→" taken out. The arrow of
 * every change ("status Planned → Live") is the one character beyond Latin-1 in most pages' RSC
 * payload, and one such character makes V8 hold the whole payload as a two-byte string: Next.js 16
 * copies that string about five times per view, and over 65,536 characters each copy is a
 * large-object allocation (the flagship dashboard with 25 changes listed: 73,554 characters;
 * bench/results/notes.md, 2026-12-05 "One arrow in the payload"). Splitting on the arrow and
 * joining in the browser is exact for any text, an arrow typed by a person included.
 */
const ARROW = ' → ';

export const splitArrows = (text: string): string[] => text.split(ARROW);

export const joinArrows = (parts: readonly string[]): string => parts.join(ARROW);
