import { cookies } from 'next/headers';
import { AppShell } from '@/components/app-shell';
import { DatabaseUnavailable } from '@/components/ui/database-unavailable';
import { navFor } from '@/lib/nav';
import { parseTheme, THEME_COOKIE } from '@/lib/theme';
import { actorCan } from '@/server/auth/guard';
import { requirePageActor } from '@/server/auth/require';
import { checkDatabaseReadiness } from '@/server/health/readiness';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The app refuses to serve on an unreachable database or one whose migrations are behind.
  const readiness = await checkDatabaseReadiness();
  if (!readiness.ok) return <DatabaseUnavailable reason={readiness.reason} />;
  const actor = await requirePageActor();
  const nav = navFor((permission, options) => actorCan(actor, permission, options));
  // The header's search and inbox open pages and routes that refuse partner users (issue 17):
  // shown only to whoever those allow, like the navigation.
  const tools = { search: actorCan(actor, 'partnerships.read'), inbox: actorCan(actor, 'inbox.read') };
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const user = { name: actor.name ?? actor.label, email: actor.email ?? actor.label, role: actor.role ?? 'EXECUTIVE' };
  return (
    <AppShell theme={theme} user={user} nav={nav} tools={tools}>
      {children}
    </AppShell>
  );
}
