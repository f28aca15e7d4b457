import { cookies } from 'next/headers';
import { AppShell, type NavItem } from '@/components/app-shell';
import { DatabaseUnavailable } from '@/components/ui/database-unavailable';
import { parseTheme, THEME_COOKIE } from '@/lib/theme';
import { actorCan } from '@/server/auth/guard';
import { requirePageActor } from '@/server/auth/require';
import { checkDatabaseReadiness } from '@/server/health/readiness';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // The app refuses to serve on an unreachable database or one whose migrations are behind.
  const readiness = await checkDatabaseReadiness();
  if (!readiness.ok) return <DatabaseUnavailable reason={readiness.reason} />;
  const actor = await requirePageActor();
  const nav: NavItem[] = [{ href: '/', label: 'Portfolio' }, { href: '/organizations', label: 'Organizations' }];
  if (actorCan(actor, 'audit.read')) nav.push({ href: '/audit', label: 'Audit trail' });
  if (actorCan(actor, 'users.manage')) nav.push({ href: '/admin/users', label: 'Users' });
  if (actorCan(actor, 'regions.manage')) nav.push({ href: '/admin/regions', label: 'Regions' });
  if (actorCan(actor, 'tokens.manage')) nav.push({ href: '/settings/tokens', label: 'API tokens' });
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const user = { name: actor.name ?? actor.label, email: actor.email ?? actor.label, role: actor.role ?? 'EXECUTIVE' };
  return (
    <AppShell theme={theme} user={user} nav={nav}>
      {children}
    </AppShell>
  );
}
