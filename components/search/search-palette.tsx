'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState, useSyncExternalStore, type ComponentType } from 'react';
import type { SearchDialogProps } from './search-dialog';

const noChange = () => () => {};

type Dialog = ComponentType<SearchDialogProps>;
let dialogCode: Promise<Dialog> | null = null;
/**
 * The dialog's code, fetched once, the first time it is wanted (the pointer or focus on Search
 * fetches it ahead; Ctrl+K or a click fetches it and opens it). Every page loads this trigger; only
 * a search loads the dialog: first-load JavaScript budget, bench/results/notes.md.
 */
function loadDialog(): Promise<Dialog> {
  dialogCode ??= import('./search-dialog').then(
    (m) => m.SearchDialog,
    (error: unknown) => {
      dialogCode = null; // a later attempt fetches again
      throw error;
    },
  );
  return dialogCode;
}

/**
 * Search from every page (issue 15): Ctrl+K (⌘K on a Mac) or the header's Search link opens the
 * search dialog (components/search/search-dialog.tsx). Without JavaScript, or if the dialog's code
 * cannot be fetched, the link goes to the results page.
 */
export function SearchPalette() {
  const router = useRouter();
  const [SearchDialog, setSearchDialog] = useState<Dialog | null>(null);
  const [openRequest, setOpenRequest] = useState(0);
  // The shortcut as a Mac shows it; the server (and the first paint) say Ctrl K.
  const shortcut = useSyncExternalStore(noChange, () => (/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘ K' : 'Ctrl K'), () => 'Ctrl K');

  const want = useCallback((open: boolean) => {
    loadDialog().then(
      (component) => {
        setSearchDialog(() => component);
        if (open) setOpenRequest((n) => n + 1);
      },
      () => {
        if (open) router.push('/search');
      },
    );
  }, [router]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        // Ctrl/Cmd+K is this palette's on every page: the API reference's Scalar listens for it
        // too (on window, after us), and both searches opened at once. Caught first, kept here.
        e.stopPropagation();
        want(true);
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [want]);

  return (
    <>
      <a href="/search" aria-haspopup="dialog" aria-keyshortcuts="Control+K Meta+K"
        onClick={(e) => { e.preventDefault(); want(true); }}
        onPointerEnter={() => want(false)} onFocus={() => want(false)}
        className="no-print ml-auto flex shrink-0 items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:ml-0 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800">
        <svg aria-hidden viewBox="0 0 20 20" className="size-4" fill="currentColor"><path d="M8.5 3a5.5 5.5 0 0 1 4.38 8.83l3.65 3.64-1.06 1.06-3.64-3.65A5.5 5.5 0 1 1 8.5 3Zm0 1.5a4 4 0 1 0 0 8 4 4 0 0 0 0-8Z" /></svg>
        {/* On a phone the header holds the brand, Search, Inbox and Menu: Search shows as its icon there. */}
        <span className="sr-only sm:not-sr-only">Search</span>
        <kbd className="hidden rounded border border-slate-300 px-1 font-sans text-xs text-slate-500 2xl:inline dark:border-slate-600 dark:text-slate-400">{shortcut}</kbd>
      </a>
      {SearchDialog ? <SearchDialog openRequest={openRequest} /> : null}
    </>
  );
}
