import Link from 'next/link';
import { ThemeToggle } from '@/components/ui/theme-toggle';
import type { Theme } from '@/lib/theme';

const NAV = [{ href: '/' as const, label: 'Portfolio' }];

/** The frame every signed-in page shares: brand, main navigation, theme. */
export function AppShell({ children, theme }: { children: React.ReactNode; theme: Theme }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-slate-900">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-6 px-4 py-3 sm:px-6 2xl:max-w-[1800px]">
          <div className="flex items-center gap-8">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              <span aria-hidden className="grid size-7 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white">A</span>
              Accord
            </Link>
            <nav aria-label="Main">
              <ul className="flex gap-1 text-sm">
                {NAV.map((item) => (
                  <li key={item.href}>
                    <Link href={item.href} className="rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          <div className="no-print">
            <ThemeToggle initial={theme} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6 2xl:max-w-[1800px]">
        {children}
      </main>
    </div>
  );
}
