/** What the background tells the content script on enabled sites: rules that load images again. */
export interface RetryRequest {
  resolver: 'retry';
  /** One CSS text per URL asked for again. */
  rules: { url: string; css: string }[];
}

/** Whether a message is a RetryRequest, in shape. */
export function isRetryRequest(m: unknown): m is RetryRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.resolver === 'retry' && Array.isArray(r.rules) && r.rules.every((x) => typeof x?.url === 'string' && typeof x?.css === 'string');
}
