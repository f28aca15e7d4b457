// A real OpenID Connect provider for the single sign-on tests (issue 18): panva's oidc-provider,
// certified by the OpenID Foundation, with three static people and one client, Accord. Started by
// Playwright (playwright.config.ts, webServer) before the app, which reads its discovery document.
// Its built-in "dev interactions" sign-in page takes any password; consent is granted for Accord.
//   node e2e/oidc-provider.mjs <port> <Accord's origin> [<another Accord's origin> ...]
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
// Each demo server that single sign-on is tested on (playwright.config.ts): the same client, sent back to either.
const appOrigins = process.argv.slice(3);
if (!port || !appOrigins.length) throw new Error('usage: node e2e/oidc-provider.mjs <port> <app origin> [<app origin> ...]');
const issuer = `http://127.0.0.1:${port}`;

const CLIENT = { id: 'accord-e2e', secret: 'accord-e2e-client-secret-not-for-production' };

// The login name typed on the provider's page is the account id.
const PEOPLE = {
  // A demo person of the seed: matched by the verified email.
  analyst: { email: 'analyst@accord.local', email_verified: true, name: 'Alex Analyst (provider)' },
  // Nobody in Accord yet: created at the first sign-in with the role the administrator chose.
  newcomer: { email: 'newcomer@accord.local', email_verified: true, name: 'Nia Newcomer' },
  // The provider has not verified this address: refused, nothing created.
  unverified: { email: 'unverified@accord.local', email_verified: false, name: 'Uma Unverified' },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: CLIENT.id,
    client_secret: CLIENT.secret,
    redirect_uris: appOrigins.map((origin) => `${origin}/api/auth/callback/oidc`),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: (_ctx, id) => {
    const person = PEOPLE[id];
    if (!person) return undefined;
    return { accountId: id, claims: () => ({ sub: id, ...person }) };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
  cookies: { keys: ['accord-e2e-oidc-cookie-key-not-secret'] },
  // Accord is the only client and a first party: grant what it asks without a consent screen.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  renderError: (ctx, out) => {
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>Provider error</title><h1>Provider error</h1><pre>${String(out.error)}: ${String(out.error_description ?? '')}</pre>`;
  },
});
provider.on('server_error', (_ctx, error) => console.error('[oidc-provider]', error));

// A health answer for Playwright's readiness probe.
const callback = provider.callback();
http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  callback(req, res);
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider for e2e at ${issuer}`));
