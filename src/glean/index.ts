/** The Glean API client's public surface; import from here rather than from the single files. */
export { normalizeBackendUrl, backendOrigin, originPattern, isLoopbackHost } from './backend-url';
export { createGleanClient } from './client';
export type { GleanClient, GleanClientOptions, RequestOptions } from './client';
export { GleanError, GLEAN_ERROR_KINDS, isGleanError, toErrorInfo } from './errors';
export type { ErrorInfo, GleanErrorDetails, GleanErrorKind } from './errors';
export { parseRetryAfter } from './retry-after';
export * from './types';
