// @ts-check
// JavaScript with JSDoc types (issue 13, finding 12: the project's design card wants next.config.js);
// `tsc` checks it (`// @ts-check`, listed in tsconfig.json "include" with allowJs).

// Compression (docs/decisions/023-serving.md, addendum 2026-12-07): Next.js gzips each answer a
// browser asks to have compressed, which costs a page view 1.5–3 ms of the app's CPU. Behind a load
// balancer or proxy that compresses, ACCORD_COMPRESS=off leaves it to that. Read when the app starts.
const compressSetting = process.env.ACCORD_COMPRESS || 'on';
if (compressSetting !== 'on' && compressSetting !== 'off') {
  throw new Error(`ACCORD_COMPRESS must be "on" (the default: the app compresses its answers) or "off" (a proxy in front compresses them), not ${JSON.stringify(compressSetting)}.`);
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bundling PGlite breaks its file loading (shared/stack-notes.md, trap 6); the schema engine
  // and the pg driver are Node-only too, and exceljs (XLSX) is a CommonJS Node library.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/schema-engine-wasm', 'pg', 'pg-copy-streams', 'exceljs'],
  // The app compares prisma/migrations with the database before serving (server/db/migration-status.ts).
  outputFileTracingIncludes: { '/**': ['./prisma/migrations/**/*'] },
  poweredByHeader: false,
  compress: compressSetting === 'on',
  reactStrictMode: true,
  typedRoutes: true,
  // `npm test` type-checks the whole project (`npm run typecheck`) just before it builds; the build
  // need not check the same files again (about 20 s of a 2-core machine). Anyone else's build checks.
  typescript: { ignoreBuildErrors: process.env.ACCORD_BUILD_TYPECHECKED === '1' },
  experimental: {
    // forbidden() renders app/forbidden.tsx with HTTP 403 for pages a role may not open.
    authInterrupts: true,
    // Turbopack keeps a build cache in .next for the next build; a CI run from a fresh clone builds
    // once and would only pay for writing it (15 s measured).
    turbopackFileSystemCacheForBuild: process.env.CI !== 'true',
  },
};

export default nextConfig;
