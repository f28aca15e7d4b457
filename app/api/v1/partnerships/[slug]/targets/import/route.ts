import { apiRoute } from '@/server/api/handler';
import { importResponse } from '@/server/metrics/import/request';
import { importTargets } from '@/server/targets/import';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md, "Targets". CSV partnership,region,metric,month,value; ?dry_run=1 previews; problems → nothing written.
// proxy.ts does not run here (it would buffer the body and cut it at 10 MB); apiRoute makes its checks.
export const POST = apiRoute<{ slug: string }>('targets.update', ({ request, actor, params }) =>
  importResponse(actor, params.slug.slice(0, 200), request, importTargets));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
