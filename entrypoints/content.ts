import { init as initResolver } from '../src/content/resolver';

// Registered at run time for the sites the user enabled (src/background/site-access.ts), never
// declared for all pages in the manifest.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    initResolver(ctx);
  },
});
