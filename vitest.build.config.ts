import { defineConfig } from 'vitest/config';

// Checks of the production builds and store zips in .output/ (`npm run test:build`, after
// `npm run build` or `npm run zip`): permissions audit, remote code, store metadata, zip contents.
export default defineConfig({
  test: {
    include: ['test/build/**/*.test.ts'],
    environment: 'node',
  },
});
