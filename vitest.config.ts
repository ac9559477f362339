import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/sandbox/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto', 'test/unit/setup-i18n.ts', 'test/unit/fake-page-image-apis.ts'],
    restoreMocks: true,
  },
});
