'use client';

import type { ReactNode } from 'react';
import Link, { type LinkProps } from '@/components/link';

/**
 * "← Somewhere" above a page's title. A client component so that its arrow comes with the browser
 * bundle instead of the page's RSC payload: one character beyond Latin-1 makes V8 hold the whole
 * payload as a two-byte string, which Next.js copies several times per view (bench/results/notes.md,
 * 2026-12-05, "One arrow in the payload").
 */
export function BackLink<RouteType>({ href, children }: { href: LinkProps<RouteType>['href']; children: ReactNode }) {
  return <Link href={href} className="text-sm underline">← {children}</Link>;
}
