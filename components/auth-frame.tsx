/**
 * The frame of the pages people see signed out or before the app (sign-in, choosing a first
 * password, a mail's unsubscribe link): the brand above one centred card.
 */
export function AuthFrame({ width = 'sm', spaced = false, children }: { width?: 'sm' | 'md'; spaced?: boolean; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-8">
      <div className={`w-full ${width === 'sm' ? 'max-w-sm' : 'max-w-md'}`}>
        <div className="mb-8 flex items-center justify-center gap-2 text-2xl font-semibold tracking-tight">
          <span aria-hidden className="grid size-9 place-items-center rounded-lg bg-brand-600 text-base font-bold text-white">A</span>
          Accord
        </div>
        <div className={`${spaced ? 'space-y-4 ' : ''}card p-6 shadow-sm`}>
          {children}
        </div>
      </div>
    </main>
  );
}
