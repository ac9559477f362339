import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The manifest is built here so that both browsers get the same minimal permissions.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Glean Images',
    description: 'Upload images to Glean from any page, look up profile pictures, and show Glean images that need a token.',
    permissions: ['scripting', 'alarms', 'contextMenus', 'activeTab'],
    // Hosts are asked for only when the user acts (saving the backend, enabling a site).
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'glean-images@extension.local', strict_min_version: '128.0' },
          },
        }
      : {
          // Lets ArrayBuffer/Blob cross runtime messaging without base64 (Chromium 148+).
          message_serialization: 'structured_clone',
          minimum_chrome_version: '148',
        }),
  }),
});
