'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { inputClass } from '@/components/forms/form-message';

/**
 * One confirmation line above a list whose rows re-render or disappear after their own action
 * (issue 13): the users page (adding a person, a role change, a deactivation, a password reset)
 * and the update page's checkpoints (a deleted row takes its own message with it). Each action
 * replaces it, so a one-time password from an earlier action never lingers beside the
 * confirmation of a later one. `focus: true` moves the keyboard focus to it, for an action whose
 * row (and the focused button in it) is gone.
 */
export type Notice = { message: string; temporaryPassword?: { email: string; password: string } | null; focus?: boolean };

const NoticeContext = createContext<(notice: Notice) => void>(() => {});

export function useAnnounce() {
  return useContext(NoticeContext);
}

export function PageNoticeProvider({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const announce = useCallback((next: Notice) => setNotice(next), []);
  // Once it is drawn (an empty notice is hidden and cannot take the focus).
  useEffect(() => {
    if (notice?.focus) box.current?.focus();
  }, [notice]);
  return (
    <NoticeContext.Provider value={announce}>
      <div ref={box} tabIndex={-1} role="status" aria-live="polite" className="empty:hidden focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
        {notice ? (
          <div className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100" data-notice>
            <p className="[overflow-wrap:anywhere]">{notice.message}</p>
            {notice.temporaryPassword ? (
              <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-slate-900 dark:border-amber-700 dark:bg-amber-950 dark:text-slate-100">
                <label htmlFor="temp-password" className="block text-sm font-medium [overflow-wrap:anywhere]">
                  Temporary password for {notice.temporaryPassword.email} (shown once)
                </label>
                <input id="temp-password" readOnly value={notice.temporaryPassword.password} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} />
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
      {children}
    </NoticeContext.Provider>
  );
}
