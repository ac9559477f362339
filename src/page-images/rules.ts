/**
 * The declarativeNetRequest session rules that let a page on an enabled site show Glean images
 * with the page's own URLs: the browser adds the token to the page's image requests, outside the
 * page, so nothing is written into the page and the bytes stay cross-origin to it (a canvas
 * taints, the page's own fetch gets no token). Pure data here; src/background/page-rules.ts
 * installs them.
 */
import type { Browser } from 'wxt/browser';

type Rule = Browser.declarativeNetRequest.Rule;
// The browsers' own strings ('image', Firefox's 'imageset'); the typings know Chrome's enum only.
type ResourceTypes = Browser.declarativeNetRequest.ResourceType[];

/** Rule ids: the token rule, and the pause that stops page requests while a Retry-After runs. */
export const TOKEN_RULE_ID = 1;
export const PAUSE_RULE_ID = 2;
export const NO_CACHE_RULE_ID = 3;

/** What the rules are built from. */
export interface PageRuleInput {
  /** The images endpoint, e.g. https://acme-be.glean.com/rest/api/v1/images. */
  endpoint: string;
  /**
   * The auth headers the API client would send (Authorization, act-as, auth type); null when
   * signed out or the token was forgotten.
   */
  headers: Record<string, string> | null;
  /** Hosts of the enabled sites; null when every site the browser granted is enabled. */
  initiators: string[] | null;
  /** Whether page requests are paused (a 429 from page traffic). */
  paused: boolean;
  /** The browser's resource types for image loads (Firefox tells srcset/picture loads apart). */
  imageTypes: string[];
}

/** Requests from enabled sites to the images endpoint with a query, and to nothing else. */
function fromEnabledSites(input: PageRuleInput): Browser.declarativeNetRequest.RuleCondition {
  return {
    // `|` anchors at the start and `?` is literal here: the images endpoint with a query, and no
    // other path (not uploadimage, not images/anything).
    urlFilter: `|${input.endpoint}?`,
    isUrlFilterCaseSensitive: true,
    // initiatorDomains also matches subdomains, but the browser applies a rule only where the
    // extension holds the initiator's host permission, which is exactly the enabled sites (or, for
    // "every site", what that grant covers).
    ...(input.initiators ? { initiatorDomains: input.initiators } : {}),
  };
}

/** The page's image loads only: a navigation to the URL (a new tab) and fetch/XHR go without. */
function imageLoads(input: PageRuleInput): Browser.declarativeNetRequest.RuleCondition {
  return { ...fromEnabledSites(input), resourceTypes: input.imageTypes as ResourceTypes, requestMethods: ['get'] };
}

/**
 * The rules for a state. Without a token, enabled sites' image requests to the endpoint are
 * blocked: a blocked request never reaches the browser's cache, so no image fetched before signing
 * out shows afterwards.
 */
export function pageRules(input: PageRuleInput | null): Rule[] {
  if (!input || (input.initiators && input.initiators.length === 0)) return [];
  const block: Rule = { id: PAUSE_RULE_ID, priority: 2, condition: imageLoads(input), action: { type: 'block' } };
  if (!input.headers) return [block];
  const rules: Rule[] = [
    {
      id: TOKEN_RULE_ID,
      priority: 1,
      condition: imageLoads(input),
      action: {
        type: 'modifyHeaders',
        requestHeaders: Object.entries(input.headers).map(([header, value]) => ({ header, operation: 'set', value })),
        responseHeaders: [
          // A backend that keeps its images to its own origin (CORP same-origin) would otherwise be
          // refused on every page; cross-origin still leaves the image opaque to the page.
          { header: 'cross-origin-resource-policy', operation: 'set', value: 'cross-origin' },
          // Without these a page could load the image with crossorigin="anonymous" and read its
          // pixels from a canvas, or read the bytes with its own cors fetch from the cache.
          { header: 'access-control-allow-origin', operation: 'remove' },
          { header: 'access-control-allow-credentials', operation: 'remove' },
        ],
      },
    },
  ];
  if (input.paused) rules.push(block);
  // The browser's cache keeps the answer as the backend sent it, CORS headers included, and hands
  // it to any later request for the same URL: a page's own fetch would read the bytes the token
  // fetched. Every other kind of request from these pages to the endpoint so skips the cache and
  // goes to the backend as the page sent it, without the token.
  rules.push({
    id: NO_CACHE_RULE_ID,
    priority: 1,
    condition: { ...fromEnabledSites(input), excludedResourceTypes: input.imageTypes as ResourceTypes },
    action: {
      type: 'modifyHeaders',
      requestHeaders: [
        { header: 'cache-control', operation: 'set', value: 'no-cache' },
        { header: 'pragma', operation: 'set', value: 'no-cache' },
      ],
    },
  });
  return rules;
}

/** The images endpoint of an API base (…/rest/api/v1/images), the one URL the rules act on. */
export function imagesEndpoint(apiBase: string): string {
  return `${apiBase.replace(/\/+$/, '')}/images`;
}

/** The hosts for initiatorDomains from sites kept as `scheme://host`. */
export function siteHosts(sites: string[]): string[] {
  return [...new Set(sites.map((s) => new URL(s).hostname))];
}
