'use client';

import { useLayoutEffect, useRef } from 'react';

const EDGE_PX = 16; // bottom-4
const GAP_PX = 8;

/** The toasts on screen, oldest first; each is positioned from the page's bottom edge. */
const shown: HTMLElement[] = [];
let resized: ResizeObserver | null = null;

/** Newest at the bottom, each older one above it with a gap (one toast sits at bottom-4 as before). */
function stack() {
  let bottom = EDGE_PX;
  for (let i = shown.length - 1; i >= 0; i--) {
    const toast = shown[i]!;
    toast.style.bottom = `${bottom}px`;
    bottom += toast.offsetHeight + GAP_PX;
  }
}

/**
 * A save's success message at the bottom right of the window, announced where it stands in the
 * page (role="status" inside its form or section, which is also where tests and screen-reader
 * users find it). Several at once (the partner deal page's "Saved …" and "Note added.") stack
 * instead of covering each other: toasts stay in their components' DOM and are only moved on
 * screen, so no portal takes them out of their section. Without JavaScript a toast shows alone.
 */
export function Toast({ message }: { message: string }) {
  const toast = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const element = toast.current;
    if (!element) return;
    resized ??= new ResizeObserver(stack);
    resized.observe(element);
    return () => {
      const at = shown.indexOf(element);
      if (at !== -1) shown.splice(at, 1);
      resized?.unobserve(element);
      stack();
    };
  }, []);
  // A new message is the newest toast, even from a form that already showed one.
  useLayoutEffect(() => {
    const element = toast.current;
    if (!element) return;
    const at = shown.indexOf(element);
    if (at !== -1) shown.splice(at, 1);
    shown.push(element);
    stack();
  }, [message]);
  return (
    <p ref={toast} role="status" className="fixed bottom-4 right-4 z-50 max-w-[calc(100vw-2rem)] rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg [overflow-wrap:anywhere] motion-safe:transition-[bottom] sm:max-w-lg dark:bg-white dark:text-slate-900">
      {message}
    </p>
  );
}
