'use client';

import type { Route } from 'next';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import Link from '@/components/link';
import type { NavItem } from '@/lib/nav';

const linkClass = 'block rounded-md px-3 py-1.5 font-medium lg:px-2 text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800';

/**
 * A group of the header's links behind one entry ("Administration"). A <details> element, so it
 * opens from the keyboard and without JavaScript; this component closes it after a navigation, on
 * Escape (focus back on its summary) and on a click or focus outside it. In the phone menu it is a
 * list under its heading; from 640 px up, a small panel under the entry.
 */
export function NavGroup({ label, items }: { label: string; items: NavItem[] }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const outside = (event: Event) => {
      const details = ref.current;
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    const escape = (event: KeyboardEvent) => {
      const details = ref.current;
      if (event.key !== 'Escape' || !details?.open) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
      document.removeEventListener('keydown', escape);
    };
  }, []);
  const current = items.some((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
  return (
    <details ref={ref} className="nav-group group/nav relative" data-nav-group={label}>
      <summary className={`${linkClass} flex cursor-pointer list-none items-center gap-1 [&::-webkit-details-marker]:hidden${current ? ' bg-slate-100 dark:bg-slate-800' : ''}`}>
        {label}
        <svg aria-hidden viewBox="0 0 20 20" className="size-4 group-open/nav:rotate-180" fill="currentColor">
          <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4z" />
        </svg>
      </summary>
      <ul className="ml-3 mt-1 flex flex-col gap-1 border-l border-slate-200 pl-2 sm:absolute sm:left-0 sm:top-full sm:z-40 sm:ml-0 sm:mt-1 sm:min-w-44 sm:rounded-lg sm:border sm:bg-white sm:p-1 sm:shadow-lg dark:border-slate-700 sm:dark:bg-slate-900">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href as Route} className={`${linkClass} aria-[current=page]:bg-slate-100 dark:aria-[current=page]:bg-slate-800`} aria-current={pathname === item.href ? 'page' : undefined}>{item.label}</Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
