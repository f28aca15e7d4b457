import type { Metadata } from 'next';
import Link from '@/components/link';
import { ApiReference } from '@/components/docs/api-reference';
import { requirePageActor } from '@/server/auth/require';

export const metadata: Metadata = { title: 'API reference' };

/**
 * The /api/v1 reference (issue 18): the OpenAPI document GET /api/v1/openapi.json serves, rendered
 * in the browser by Scalar, bundled with the app (no CDN; docs/decisions/019-openapi.md). In the app
 * shell, for anyone signed in: the people who make API tokens read it beside the tokens page, and
 * its "try it" calls go out with their session. The document itself is public.
 */
export default async function ApiReferencePage() {
  await requirePageActor();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API reference</h1>
        <p className="mt-1 max-w-prose text-sm muted">
          Every <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">/api/v1</code> route, its parameters, bodies and answers. Scripts
          authenticate with a token from <Link href="/settings/tokens" className="underline">API tokens</Link>. The same description as
          OpenAPI 3.1: <a href="/api/v1/openapi.json" className="underline">/api/v1/openapi.json</a>.
        </p>
      </div>
      <ApiReference url="/api/v1/openapi.json" />
    </div>
  );
}
