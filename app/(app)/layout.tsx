import { cookies } from 'next/headers';
import { AppShell } from '@/components/app-shell';
import { DatabaseUnavailable } from '@/components/ui/database-unavailable';
import { parseTheme, THEME_COOKIE } from '@/lib/theme';
import { checkDatabaseReadiness } from '@/server/health/readiness';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The app refuses to serve on an unreachable database or one whose migrations are behind.
  const readiness = await checkDatabaseReadiness();
  if (!readiness.ok) return <DatabaseUnavailable reason={readiness.reason} />;
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return <AppShell theme={theme}>{children}</AppShell>;
}
