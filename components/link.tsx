'use client';

import NextLink, { type LinkProps } from 'next/link';
import { useRouter } from 'next/navigation';
import type { MouseEvent, TouchEvent } from 'react';

/**
 * Every link of the app (ESLint refuses `next/link` elsewhere): Next.js's `<Link>`, prefetching its
 * page when the pointer rests on it or a finger touches it, never because it scrolled into view
 * (docs/decisions/014-link-prefetch.md). Next.js prefetches every link in the viewport by default:
 * one dashboard load sent 27 more requests to the server (the navigation, the range picker, each
 * milestone, checkpoint and rollout), and each renders the layout and checks the session. Executives
 * opening the same pages before a board meeting paid for pages nobody opened.
 */
export default function Link<RouteType>({ onMouseEnter, onTouchStart, ...props }: LinkProps<RouteType>) {
  const router = useRouter();
  const href = typeof props.href === 'string' && props.href.startsWith('/') ? props.href : null;
  const prefetch = () => {
    if (href && props.prefetch !== false) router.prefetch(href);
  };
  return (
    <NextLink
      {...props}
      prefetch={false}
      onMouseEnter={(event: MouseEvent<HTMLAnchorElement>) => {
        prefetch();
        onMouseEnter?.(event);
      }}
      onTouchStart={(event: TouchEvent<HTMLAnchorElement>) => {
        prefetch();
        onTouchStart?.(event);
      }}
    />
  );
}

export type { LinkProps };
