import { init } from '../src/content/region-select';

// Injected by the background only for "Select a region" (src/background/screenshot-flow.ts).
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    init(ctx);
  },
});
