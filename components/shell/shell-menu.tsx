'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

/**
 * The header's navigation and account controls. From 640 px up they sit in the header as before; on
 * a phone they fold behind a "Menu" button (issue 13, finding 10: "Sign out" wrapped under the
 * brand). A <details> element works without JavaScript; this component only closes it after a
 * navigation, since the layout (and so the open menu) survives client-side page changes.
 */
export function ShellMenu({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="shell-menu group sm:flex-1">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium sm:hidden dark:border-slate-700 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden viewBox="0 0 20 20" className="size-4" fill="currentColor"><path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" /></svg>
        Menu
      </summary>
      <div className="absolute inset-x-0 top-full z-30 space-y-4 border-b border-slate-200 bg-white px-4 py-4 shadow-lg sm:static sm:flex sm:items-center sm:justify-between sm:gap-4 sm:space-y-0 sm:border-0 sm:bg-transparent sm:p-0 sm:shadow-none dark:border-slate-800 dark:bg-slate-900 sm:dark:bg-transparent">
        {children}
      </div>
    </details>
  );
}
