/**
 * Lengths the forms show (a counter, `maxLength`) and the zod schemas in lib/schemas/ enforce.
 * Here, not there: a 'use client' form that imports a schema module brings zod with it, and zod is
 * about 36 kB of gzipped JavaScript on every page that form is on (the portfolio's saved views and
 * the dashboard's note composer put it in both pages' first load: bench/results/notes.md).
 * tests/unit/client-bundle-imports.test.ts refuses a client component that reaches zod.
 */
export const NOTE_MAX_CHARACTERS = 10_000;
export const VIEW_NAME_MAX = 120;
export const PASSWORD_MIN = 12; // as the CLI's --password (scripts/accord.ts)
export const PASSWORD_MAX = 200;
export const WEBHOOK_URL_MAX = 2_000;
export const WEBHOOK_DESCRIPTION_MAX = 200;
