/**
 * True when a browser request comes from this site: its Origin header names the host it was sent
 * to (the proxy's host when behind one). A missing Origin or `Origin: null` is not. Browsers send
 * Origin on every cross-site POST, so a state-changing request without a matching one is refused
 * (CSRF). Used by proxy.ts for every route it runs on, and by the upload routes it leaves out.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (!origin || origin === 'null') return false;
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Methods that change nothing: the origin check (CSRF) does not apply to them (proxy.ts, and the routes it skips). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
