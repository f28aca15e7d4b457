import { createRequire } from 'node:module';
import { config } from '@/proxy';

// proxy.ts's matcher compiled by Next.js's own code, as `next build` compiles it, so the tests see
// exactly which addresses skip the proxy. Unit tests only (see tests/support/routes-on-disk.ts).
const require = createRequire(import.meta.url);
const { getMiddlewareMatchers } = require('next/dist/build/analysis/get-page-static-info.js') as {
  getMiddlewareMatchers: (matchers: unknown, nextConfig: object) => { regexp: string }[];
};
const [matcher] = getMiddlewareMatchers(config.matcher, {});
const compiled = new RegExp(matcher!.regexp);

/** Whether proxy.ts runs on this address (a path, no query). */
export const proxied = (address: string) => compiled.test(address);
