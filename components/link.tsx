import type { LinkProps } from 'next/link';
import { hrefString } from '@/lib/href';

// Next.js's own props that mean nothing on a plain anchor, or that become its data attributes.
const NOT_FOR_THE_ANCHOR = new Set(['href', 'prefetch', 'scroll', 'replace', 'as', 'shallow', 'passHref', 'legacyBehavior', 'locale', 'onNavigate', 'transitionTypes']);

/**
 * Every link of the app (ESLint refuses `next/link` elsewhere): a plain `<a>`, marked
 * `data-link`, that <LinkNavigation> (components/shell/link-navigation.tsx, once per page) turns
 * into a client-side navigation when clicked and prefetches when the pointer rests on it or a
 * finger touches it, never because it scrolled into view (docs/decisions/014-link-prefetch.md).
 *
 * Not Next.js's `<Link>` itself: that is a client component with its own hooks per link, and a
 * dashboard has 45 links; rendering them cost ~0.5 ms of the server's CPU per view, a twentieth of
 * the page's own work (issue 14, goal 1; docs/decisions/014-link-prefetch.md, addendum). Neither a
 * client component nor a server-only one: server components render it as HTML, client components
 * as an element.
 *
 * Next.js's link props keep their meaning: `prefetch={false}` (no prefetch on intent),
 * `scroll={false}` (keep the scroll position), `replace` (no new history entry). Typed routes
 * still check `href`.
 */
export default function Link<RouteType>(props: LinkProps<RouteType>) {
  // Copied key by key: a rest pattern (`{ href, ...anchor }`) takes V8's slow path, ~3 µs a call
  // against ~0.15 here (Node 20), on every link of every list.
  const anchor: Record<string, unknown> = {};
  for (const key in props) if (!NOT_FOR_THE_ANCHOR.has(key)) anchor[key] = props[key as keyof typeof props];
  anchor.href = hrefString(props.href);
  anchor['data-link'] = '';
  if (props.prefetch === false) anchor['data-prefetch'] = 'false';
  if (props.scroll === false) anchor['data-scroll'] = 'false';
  if (props.replace) anchor['data-replace'] = '';
  return <a {...anchor} />;
}

export type { LinkProps };
