import 'server-only';

/**
 * Single sign-on over OpenID Connect (issue 18, docs/decisions/021-single-sign-on.md), configured
 * by environment only:
 *   ACCORD_OIDC_ISSUER         the provider's issuer URL (its discovery document is read from
 *                              <issuer>/.well-known/openid-configuration at first use)
 *   ACCORD_OIDC_CLIENT_ID      Accord's client id at the provider
 *   ACCORD_OIDC_CLIENT_SECRET  and its secret
 *   ACCORD_OIDC_LABEL          optional: the button's words ("Sign in with <label>")
 * Without all three, nothing about single sign-on shows and its routes answer 404. The provider
 * sends people back to <ACCORD_BASE_URL>/api/auth/callback/oidc: register that address there.
 */
export const SSO_PROVIDER_ID = 'oidc';
export const SSO_CALLBACK_PATH = `/api/auth/callback/${SSO_PROVIDER_ID}`;

export type SsoConfig = { issuer: string; clientId: string; clientSecret: string; label: string; discoveryUrl: string };

let warned = false;

export function ssoConfig(env: Record<string, string | undefined> = process.env): SsoConfig | null {
  const issuer = env.ACCORD_OIDC_ISSUER?.trim() ?? '';
  const clientId = env.ACCORD_OIDC_CLIENT_ID?.trim() ?? '';
  const clientSecret = env.ACCORD_OIDC_CLIENT_SECRET?.trim() ?? '';
  if (!issuer && !clientId && !clientSecret) return null;
  let url: URL | null = null;
  try {
    url = new URL(issuer);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || !clientId || !clientSecret) {
    // Half a configuration is a mistake: say so once, and keep password sign-in working.
    if (!warned && env === process.env) {
      warned = true;
      console.error('[accord] single sign-on is off: set ACCORD_OIDC_ISSUER (an http(s) URL), ACCORD_OIDC_CLIENT_ID and ACCORD_OIDC_CLIENT_SECRET together.');
    }
    return null;
  }
  const base = issuer.replace(/\/+$/, '');
  return {
    issuer: base,
    clientId,
    clientSecret,
    label: env.ACCORD_OIDC_LABEL?.trim().slice(0, 60) || 'single sign-on',
    discoveryUrl: `${base}/.well-known/openid-configuration`,
  };
}

/** Where the provider sends people back: register this address with it. */
export function ssoRedirectUri(): string {
  const base = (process.env.ACCORD_BASE_URL?.trim() || 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}${SSO_CALLBACK_PATH}`;
}
