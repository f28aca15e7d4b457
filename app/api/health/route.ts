import { NextResponse } from 'next/server';
import { checkDatabaseReadiness } from '@/server/health/readiness';
import { otherMethods } from '@/server/api/not-allowed';

// Public: load balancers and operators call it without signing in. Says nothing secret.
export async function GET() {
  const readiness = await checkDatabaseReadiness();
  const headers = { 'Cache-Control': 'no-store' };
  if (readiness.ok) {
    return NextResponse.json({ status: 'ok', database: readiness.engine, migrations: 'up-to-date' }, { headers });
  }
  return NextResponse.json(
    {
      status: 'unavailable',
      database: readiness.engine,
      migrations: readiness.kind === 'migrations' ? 'behind' : 'unknown',
      reason: readiness.reason,
    },
    { status: 503, headers },
  );
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
