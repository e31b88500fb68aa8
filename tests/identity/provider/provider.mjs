// A real OpenID Connect provider on loopback for the identity tests and `make sso-demo`.
//
//   node tests/identity/provider/provider.mjs --port 9400 \
//     --accounts tests/identity/provider/accounts.json --redirect http://127.0.0.1:8000/sso/complete/company/
//
// The accounts file is read again on every request for claims, so a test can
// move someone to another department by rewriting it, without a restart.
// Each start signs with a fresh key (a new `kid`): restarting on the same port
// is a signing-key rotation as the site sees it. Removing someone from the
// accounts file disables them: their refresh tokens stop working. Printing "ready <issuer>"
// tells the caller the provider listens.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '9400' },
    accounts: { type: 'string', default: new URL('./accounts.json', import.meta.url).pathname },
    redirect: { type: 'string', multiple: true, default: ['http://127.0.0.1:8000/sso/complete/company/'] },
    'post-logout': { type: 'string', multiple: true, default: ['http://127.0.0.1:8000/'] },
    backchannel: { type: 'string', default: 'http://127.0.0.1:8000/sso/backchannel-logout/' },
    'client-id': { type: 'string', default: 'stimme' },
    'client-secret': { type: 'string', default: 'stimme-local-secret' },
  },
});

const issuer = `http://127.0.0.1:${args.port}`;
const accounts = () => JSON.parse(readFileSync(args.accounts, 'utf8'));
const kid = randomBytes(8).toString('hex');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };

const SCOPES = 'openid profile email groups org';
const provider = new Provider(issuer, {
  clients: [{
    client_id: args['client-id'],
    client_secret: args['client-secret'],
    redirect_uris: args.redirect,
    post_logout_redirect_uris: args['post-logout'],
    backchannel_logout_uri: args.backchannel,
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(16).toString('hex')] },
  pkce: { required: () => true },
  scopes: SCOPES.split(' '),
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    groups: ['groups', 'roles'],
    org: ['department', 'job_title', 'location', 'manager'],
  },
  // Like Keycloak: a refresh token with every code, so the site can re-check a session.
  async issueRefreshToken(_ctx, client) { return client.grantTypeAllowed('refresh_token'); },
  // Keycloak's mappers put every claim into the ID token too.
  conformIdTokenClaims: false,
  // The back-channel logout goes to the site on loopback, which oidc-provider's SSRF guard
  // refuses; this provider only ever runs on loopback for tests and the demo.
  async fetch(url, { dispatcher, ...options }) { return globalThis.fetch(url, options); },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    backchannelLogout: { enabled: true },
  },
  async findAccount(_ctx, id) {
    const claims = accounts()[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...accounts()[id] }; } };
  },
  // First-party client: no consent screen, as in a company tenant.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(SCOPES);
    await grant.save();
    return grant;
  },
});

provider.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`ready ${issuer} kid=${kid}`);
});
