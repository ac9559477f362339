import type { Handlers } from '../messaging/router';
import { configuredClient } from './glean-access';

/** image.get and image.upload for extension pages: the background makes the call with the token. */
export const imageHandlers: Handlers = {
  'image.get': async ({ query }) => (await configuredClient()).getImage(query),
  'image.upload': async ({ bytes, contentType, metadata }) =>
    (await configuredClient()).uploadImage(bytes, contentType, metadata),
};
