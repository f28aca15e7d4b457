'use client';

import { createContext, useCallback, useContext, useState } from 'react';
import { inputClass } from '@/components/forms/form-message';

/**
 * The users page's one confirmation line (issue 13). Every action on the page (adding a person,
 * a role change, a deactivation, a password reset) replaces it, so a one-time password from an
 * earlier action never lingers beside the confirmation of a later one. It lives above the rows
 * because a row re-renders (new version) after its own change, which used to drop its message.
 */
export type Notice = { message: string; temporaryPassword?: { email: string; password: string } | null };

const NoticeContext = createContext<(notice: Notice) => void>(() => {});

export function useAnnounce() {
  return useContext(NoticeContext);
}

export function UsersNoticeProvider({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const announce = useCallback((next: Notice) => setNotice(next), []);
  return (
    <NoticeContext.Provider value={announce}>
      <div role="status" aria-live="polite" className="empty:hidden">
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
