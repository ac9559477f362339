import type { Handlers } from '../messaging/router';
import { configuredClient } from './gated-client';
import { gate } from './services';

/** image.get for extension pages (lookups, the image as Glean serves it back after an upload). */
export const imageHandlers: Handlers = {
  'image.get': async ({ query }) => (await configuredClient(gate)).getImage(query),
};
