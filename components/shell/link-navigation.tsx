'use client';

import type { Route } from 'next';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * What Next.js's `<Link>` does in the browser, for every link of the page at once (the links are
 * plain anchors marked `data-link`: components/link.tsx). A click without a modifier key opens the
 * page client-side; the pointer entering a link, or a finger touching it, prefetches its page
 * (docs/decisions/014-link-prefetch.md). Anything else (a new tab, a download, another origin, a
 * handler that prevented the default) is left to the browser, as before the page is hydrated.
 */
export function LinkNavigation() {
  const router = useRouter();
  useEffect(() => {
    const linkOf = (target: EventTarget | null): HTMLAnchorElement | null => {
      const anchor = target instanceof Element ? target.closest('a[data-link]') : null;
      if (!(anchor instanceof HTMLAnchorElement)) return null;
      if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return null;
      return anchor.origin === window.location.origin ? anchor : null;
    };
    // The anchor's own address: links are typed routes where they are written (components/link.tsx).
    const pathOf = (anchor: HTMLAnchorElement) => `${anchor.pathname}${anchor.search}${anchor.hash}` as Route;
    const prefetch = (anchor: HTMLAnchorElement | null) => {
      if (anchor && anchor.dataset.prefetch !== 'false') router.prefetch(pathOf(anchor));
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = linkOf(event.target);
      if (!anchor) return;
      event.preventDefault();
      const options = { scroll: anchor.dataset.scroll !== 'false' };
      if (anchor.dataset.replace !== undefined) router.replace(pathOf(anchor), options);
      else router.push(pathOf(anchor), options);
    };
    // mouseover bubbles (mouseenter does not): a link is entered when the pointer comes from outside it.
    const onOver = (event: MouseEvent) => {
      const anchor = linkOf(event.target);
      if (anchor && !(event.relatedTarget instanceof Node && anchor.contains(event.relatedTarget))) prefetch(anchor);
    };
    const onTouch = (event: TouchEvent) => prefetch(linkOf(event.target));
    // On window, so that an element's own click handler (React's, on the document) runs first and can prevent it.
    window.addEventListener('click', onClick);
    document.addEventListener('mouseover', onOver, { passive: true });
    document.addEventListener('touchstart', onTouch, { passive: true });
    return () => {
      window.removeEventListener('click', onClick);
      document.removeEventListener('mouseover', onOver);
      document.removeEventListener('touchstart', onTouch);
    };
  }, [router]);
  return null;
}
