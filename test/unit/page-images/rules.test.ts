import { describe, expect, it } from 'vitest';
import { NO_CACHE_RULE_ID, PAUSE_RULE_ID, TOKEN_RULE_ID, imagesEndpoint, pageRules, siteHosts, type PageRuleInput } from '../../../src/page-images/rules';

const ENDPOINT = 'https://acme-be.glean.com/rest/api/v1/images';
const INPUT: PageRuleInput = {
  endpoint: ENDPOINT,
  headers: { Authorization: 'Bearer t0k' },
  initiators: ['wiki.example', 'tickets.example'],
  paused: false,
  imageTypes: ['image'],
};

const byId = (rules: ReturnType<typeof pageRules>, id: number) => rules.find((r) => r.id === id);

/** How a browser reads a `|prefix` urlFilter without wildcards: the URL starts with it. */
const matches = (filter: string, url: string) => filter.startsWith('|') && !/[*^]/.test(filter) && url.startsWith(filter.slice(1));

describe('pageRules', () => {
  it('adds the token to image GETs from the enabled sites, to the images endpoint with a query only', () => {
    const rule = byId(pageRules(INPUT), TOKEN_RULE_ID)!;
    expect(rule.action.type).toBe('modifyHeaders');
    expect(rule.action.requestHeaders).toEqual([{ header: 'Authorization', operation: 'set', value: 'Bearer t0k' }]);
    expect(rule.condition).toMatchObject({ resourceTypes: ['image'], requestMethods: ['get'], initiatorDomains: ['wiki.example', 'tickets.example'], isUrlFilterCaseSensitive: true });
    const filter = rule.condition.urlFilter!;
    expect(matches(filter, `${ENDPOINT}?key=abc`)).toBe(true);
    expect(matches(filter, `${ENDPOINT}?type=USER&id=alice`)).toBe(true);
    for (const other of [
      'https://acme-be.glean.com/rest/api/v1/uploadimage?type=USER',
      `${ENDPOINT}/other?key=abc`,
      `${ENDPOINT}s?key=abc`,
      'https://other-be.glean.com/rest/api/v1/images?key=abc',
      'https://acme-be.glean.com.evil.example/rest/api/v1/images?key=abc',
      `http://acme-be.glean.com/rest/api/v1/images?key=abc`,
    ]) expect(matches(filter, other), other).toBe(false);
  });

  it('keeps images showing past CORP and keeps their bytes unreadable to the page', () => {
    const rule = byId(pageRules(INPUT), TOKEN_RULE_ID)!;
    expect(rule.action.responseHeaders).toEqual([
      { header: 'cross-origin-resource-policy', operation: 'set', value: 'cross-origin' },
      { header: 'access-control-allow-origin', operation: 'remove' },
      { header: 'access-control-allow-credentials', operation: 'remove' },
    ]);
  });

  it("sends every other request of those pages to the endpoint past the browser's cache, without the token", () => {
    const rule = byId(pageRules(INPUT), NO_CACHE_RULE_ID)!;
    expect(rule.condition).toMatchObject({ excludedResourceTypes: ['image'], initiatorDomains: INPUT.initiators });
    expect(rule.condition.resourceTypes).toBeUndefined();
    expect(JSON.stringify(rule)).not.toContain('t0k');
    expect(rule.action.requestHeaders).toEqual([
      { header: 'cache-control', operation: 'set', value: 'no-cache' },
      { header: 'pragma', operation: 'set', value: 'no-cache' },
    ]);
  });

  it('blocks page image loads while paused, above the token rule', () => {
    const rules = pageRules({ ...INPUT, paused: true });
    const pause = byId(rules, PAUSE_RULE_ID)!;
    expect(pause.action.type).toBe('block');
    expect(pause.priority).toBeGreaterThan(byId(rules, TOKEN_RULE_ID)!.priority!);
    expect(pause.condition).toEqual(byId(rules, TOKEN_RULE_ID)!.condition);
    expect(byId(pageRules(INPUT), PAUSE_RULE_ID)).toBeUndefined();
  });

  it('without a token blocks the loads, so nothing the browser cached shows, and names no token', () => {
    const rules = pageRules({ ...INPUT, headers: null });
    expect(rules.map((r) => [r.id, r.action.type])).toEqual([[PAUSE_RULE_ID, 'block']]);
    expect(JSON.stringify(rules)).not.toContain('Bearer');
  });

  it('has nothing to do with no backend or no enabled site', () => {
    expect(pageRules(null)).toEqual([]);
    expect(pageRules({ ...INPUT, initiators: [] })).toEqual([]);
  });

  it('names no initiator for "every site" (the grant limits it), and takes Firefox\'s imageset', () => {
    const everywhere = byId(pageRules({ ...INPUT, initiators: null, imageTypes: ['image', 'imageset'] }), TOKEN_RULE_ID)!;
    expect(everywhere.condition.initiatorDomains).toBeUndefined();
    expect(everywhere.condition.resourceTypes).toEqual(['image', 'imageset']);
  });
});

describe('siteHosts', () => {
  it('gives the host of each site once, without scheme or port', () => {
    expect(siteHosts(['https://wiki.example', 'http://wiki.example', 'http://127.0.0.1'])).toEqual(['wiki.example', '127.0.0.1']);
  });
});

describe('imagesEndpoint', () => {
  it('is the API base with /images, whatever slashes it ends with', () => {
    expect(imagesEndpoint('https://acme-be.glean.com/rest/api/v1')).toBe(ENDPOINT);
    expect(imagesEndpoint('https://acme-be.glean.com/rest/api/v1//')).toBe(ENDPOINT);
  });
});
