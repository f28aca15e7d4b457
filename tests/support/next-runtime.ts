import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What Next.js's server does before any of its modules load (next/dist/server/
 * node-environment-baseline.js): make AsyncLocalStorage a global. Next.js's request storages (work,
 * work unit, after) are created once per process, under global symbols, by whichever module copy
 * is evaluated first, and a copy evaluated while the global was missing creates a stand-in whose
 * run() throws "Invariant: AsyncLocalStorage accessed in runtime where it is not available". A test
 * worker loads Next.js's modules in whatever order its files import them (the data-layer projects
 * share modules across files), so a file could poison the next: the OpenAPI contract's tampered
 * download failed that way on both engines in one run and passed alone. With the global set first,
 * every storage is the real one, as in production.
 */
const runtime = globalThis as typeof globalThis & { AsyncLocalStorage?: typeof AsyncLocalStorage };
if (typeof runtime.AsyncLocalStorage !== 'function') runtime.AsyncLocalStorage = AsyncLocalStorage;
