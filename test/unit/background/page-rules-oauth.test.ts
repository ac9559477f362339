// With an OAuth sign-in the access token in the page-image rules is renewed like the API
// client's: a token renewed for any reason is in the rules at once, and none after signing out.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { credentialsChanged } from '../../../src/background/credentials';
import { configuredClient } from '../../../src/background/gated-client';
import { forgetHeldTokens } from '../../../src/background/oauth-tokens';
import { keepPageRulesInStep, syncPageRules } from '../../../src/background/page-rules';
import { clearSignIn, storeSignIn } from '../../../src/db/oauth-session';
import { storeSites } from '../../../src/db/sites';
import { TOKEN_RULE_ID } from '../../../src/page-images/rules';
import { RateGate } from '../../../src/queue/rate-gate';
import { resetDb } from '../db/reset-db';
import { clearSessionRules, sessionRules } from '../fake-page-image-apis';
import { API, ISSUER, fakeOAuth } from './fake-oauth';

const realFetch = globalThis.fetch;
let fake: ReturnType<typeof fakeOAuth>;
const inRules = () => JSON.stringify(sessionRules().find((r) => r.id === TOKEN_RULE_ID) ?? null);

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  clearSessionRules();
  fake = fakeOAuth();
  vi.stubGlobal('fetch', fake.fetch);
});
afterEach(() => vi.stubGlobal('fetch', realFetch));

it('puts each renewed access token into the page rules at once, and none after signing out', async () => {
  const now = Date.now();
  fake.net.accepted.add('at-0');
  await storeSignIn(
    { apiBase: API, tokenType: 'user', actAs: '', userId: 'alice', authMethod: 'oauth', issuedBy: 'external', oauth: { issuer: ISSUER, clientId: 'cid', scopes: 'openid offline_access' } } as never,
    { issuer: ISSUER, clientId: 'cid', tokenEndpoint: `${ISSUER}/token`, revocationEndpoint: `${ISSUER}/revoke`, account: 'Alice' } as never,
    { accessToken: 'at-0', refreshToken: 'rt-0', issuedAt: now - 60_000, expiresAt: now + 30 * 60_000 },
  );
  forgetHeldTokens();
  await storeSites(['https://wiki.example']);
  keepPageRulesInStep();
  await syncPageRules();
  expect(inRules()).toContain('Bearer at-0');
  expect(await fakeBrowser.alarms.get('page-rules-renew')).toBeDefined(); // the renewal keeps going

  // Glean refuses at-0 for an upload or a lookup: the renewal it causes reaches the rules too.
  fake.net.gleanAnswers = [401];
  await (await configuredClient(new RateGate())).getImage({ key: 'k' });
  await vi.waitFor(() => expect(inRules()).toContain('Bearer at-1'));
  expect(inRules()).not.toContain('at-0');

  await clearSignIn(false);
  forgetHeldTokens();
  await credentialsChanged();
  expect(inRules()).toBe('null');
  expect(JSON.stringify(sessionRules())).not.toMatch(/at-\d/);
});
