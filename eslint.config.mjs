import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const databaseImports = {
  patterns: [
    {
      group: ['@/generated/*', '**/generated/prisma/*', '@/server/db', '@/server/db/*', '@prisma/*', '@electric-sql/*', 'pg'],
      message: 'Database access lives under server/ (docs/ARCHITECTURE.md): call a query or mutation in server/<domain>.',
    },
  ],
};

const nextLink = {
  name: 'next/link',
  importNames: ['default'],
  message: "Import Link from '@/components/link': it prefetches when a link is pointed at, not whenever it scrolls into view.",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': 'error',
    },
  },
  {
    // Conventions 6 and 7: no database and no Prisma types outside server/ (and the tooling that
    // builds or checks the database).
    // And every link goes through components/link.tsx, which prefetches on intent, not on sight
    // (docs/decisions/014-link-prefetch.md).
    files: ['app/**', 'components/**', 'lib/**'],
    rules: { 'no-restricted-imports': ['error', { ...databaseImports, paths: [nextLink] }] },
  },
  { files: ['components/link.tsx'], rules: { 'no-restricted-imports': ['error', databaseImports] } },
  {
    // A transaction is one connection: queries on it run one after the other. Promise.all over
    // `tx` sends the second query while the first runs, which pg 8 queues with a deprecation
    // warning and pg 9 refuses (docs/decisions/001-database.md, addendum 2026-12-05).
    files: ['server/**', 'lib/**', 'app/**', 'scripts/**', 'prisma/**', 'tests/**', 'bench/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.object.name='Promise'][callee.property.name=/^(all|allSettled|any|race)$/] MemberExpression[object.name='tx']",
        message: 'A transaction runs one query at a time: await its queries one after the other, not in Promise.all.',
      }],
    },
  },
  {
    // Screenshots go through saveScreenshot (e2e/support/screenshots.ts): saved when a person runs
    // the suite, skipped under CI where nobody opens them (docs/decisions/010-test-suite.md).
    files: ['e2e/**'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name='screenshot']",
        message: "Take screenshots with saveScreenshot from e2e/support/screenshots.ts (skipped under CI, where nobody looks at them).",
      }],
    },
  },
  globalIgnores(['.next/**', 'out/**', 'build/**', 'next-env.d.ts', 'generated/**', 'data/**', 'test-results/**', 'playwright-report/**']),
]);
