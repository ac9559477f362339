import { init } from '../src/content/page-tools';

// Injected by the background only when the user acts on a page (src/background/page-access.ts).
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    init(ctx);
  },
});
