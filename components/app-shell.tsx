import Link from '@/components/link';
import type { Route } from 'next';
import { InboxLink } from '@/components/inbox/inbox-link';
import { SearchPalette } from '@/components/search/search-palette';
import { NavGroup } from '@/components/shell/nav-group';
import { ShellMenu } from '@/components/shell/shell-menu';
import { ThemeToggle } from '@/components/ui/theme-toggle';
import { ROLE_LABELS, type Role } from '@/lib/domain';
import { navEntries, type NavItem } from '@/lib/nav';
import type { Theme } from '@/lib/theme';

export type ShellUser = { name: string; email: string; role: Role };
export type { NavItem };

/** The frame every signed-in page shares: brand, navigation for this role, user, theme. */
export function AppShell({ children, theme, user, nav, tools = { search: true, inbox: true } }: {
  children: React.ReactNode; theme: Theme; user: ShellUser; nav: NavItem[];
  /** The header's search and inbox, for whoever their pages allow (partner users: not yet, issue 17). */
  tools?: { search: boolean; inbox: boolean };
}) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-slate-900">
        Skip to content
      </a>
      <header className="relative border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-3 px-4 py-3 sm:gap-4 sm:px-6 xl:max-w-[88rem] xl:gap-6 2xl:max-w-[1800px]">
          <Link href="/" className="flex shrink-0 items-center gap-2 text-lg font-semibold tracking-tight">
            <span aria-hidden className="grid size-7 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white">A</span>
            Accord
          </Link>
          {/* Search from every page: the header's Search link and Ctrl/Cmd+K (issue 15). */}
          {tools.search ? <SearchPalette /> : null}
          {/* Notifications from every page, with the unread count (issue 16). */}
          {tools.inbox ? <InboxLink /> : null}
          <ShellMenu>
            <nav aria-label="Main">
              <ul className="flex flex-col gap-1 text-sm sm:flex-row sm:flex-wrap">
                {navEntries(nav).map((entry) => entry.kind === 'group' ? (
                  <li key={entry.group}>
                    <NavGroup label={entry.label} items={entry.items} />
                  </li>
                ) : (
                  <li key={entry.item.href}>
                    {/* A union of literal hrefs does not infer RouteImpl under TypeScript 7: cast to the typed-route union. */}
                    <Link href={entry.item.href as Route} className="block rounded-md px-3 py-1.5 font-medium lg:px-2 text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
                      {entry.item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="no-print flex flex-wrap items-center gap-4 sm:gap-3 border-t border-slate-200 pt-4 sm:flex-nowrap sm:border-0 sm:pt-0 dark:border-slate-800">
              <ThemeToggle initial={theme} />
              {/* The person's own account: name, password, sessions (issue 13). */}
              <Link href="/profile" className="min-w-0 rounded-md px-1 text-xs leading-tight hover:bg-slate-100 sm:text-right dark:hover:bg-slate-800">
                <span className="sr-only">Your profile: </span>
                <bdi className="block font-medium text-slate-800 underline-offset-2 hover:underline dark:text-slate-100">{user.name}</bdi>
                <span className="block muted">{ROLE_LABELS[user.role]}</span>
              </Link>
              <form method="post" action="/api/auth/sign-out">
                <button type="submit" className="whitespace-nowrap rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                  Sign out
                </button>
              </form>
            </div>
          </ShellMenu>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6 xl:max-w-[88rem] 2xl:max-w-[1800px]">
        {children}
      </main>
    </div>
  );
}
