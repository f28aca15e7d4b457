// The security headers of every answer (proxy.ts sets them; the API routes the proxy does not run
// on set them themselves through apiRoute, server/api/handler.ts). Edge-safe: no Node imports.

const isProduction = process.env.NODE_ENV === 'production';

/** A page's policy: its scripts only by this request's nonce (Next.js CSP guide). */
export function pageContentSecurityPolicy(nonce: string): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isProduction ? '' : ` 'unsafe-eval'`}`,
    // Next.js and Recharts set inline style attributes; styles cannot run code.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/**
 * The JSON API's policy (/api/v1): it sends data and files, never a page, so nothing in its answers
 * may run, load or be framed (a downloaded document opened in the browser included), and it needs
 * no per-request nonce.
 */
export const API_CONTENT_SECURITY_POLICY = `default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const FIXED: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'DENY'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ...(isProduction ? [['Strict-Transport-Security', 'max-age=63072000; includeSubDomains'] as [string, string]] : []),
];

/** Sets the security headers on `headers` (a response's), with the given Content-Security-Policy. */
export function setSecurityHeaders(headers: Headers, csp: string): void {
  headers.set('Content-Security-Policy', csp);
  for (const [name, value] of FIXED) headers.set(name, value);
}
