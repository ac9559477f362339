import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// `npm run build:e2e` also makes this mode: the build the policy e2e tests load, with an identity of
// its own (test/e2e/support/policy-files.ts writes machine-wide policy files naming only it).
const POLICY_TEST_MODE = 'policy';
const POLICY_TEST_GECKO_ID = 'glean-images-policy-test@extension.local';
// A public key only (its private half was never kept): it fixes the Chromium extension id,
// cgogagbinpknkcnodaffagdiddjbbaic, so the policy file can name it before the browser starts.
const POLICY_TEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApUy7HZH7vsVe2DrL4hP6iJahs7Jkig8t6wnNrledRR2ueQbeUSW251b7uomNRYX4Uv3O0unBWI1UKSKVztwar+dbcTrB50YTAV2iG6GD8m6TkqV2yz2pzkz4MoCNY8GHLqvzTmwzmKUnk2rzJeetlPPm4Ikx5acPxmocjOt9Si4hM0QNUtwyxFl2IHTpvXLEca1RnulE6l4aGfCPOC36I0zBv0zXeVeDc0JzEhtBrSb3m7BMfATa3suQt+MxQNd5DJ3kb+DQX9OOHg0U8RosHJ6Bf82aSjIpYzDZhLbTIpaQl76y632hasXYCAICSm1ge4uClIfVShXdS9ZHWh/SVwIDAQAB';

// The manifest is built here so that both browsers get the same minimal permissions.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  zip: {
    // The Firefox sources zip (AMO review) is what `npm ci && npm run build` needs to rebuild the
    // package: no tests, test output or local junk. WXT already leaves out node_modules, dotfiles,
    // *.test.* files and .output/; the README's screenshots (docs/) build nothing. scripts/make-icons.ts
    // draws with the sandbox's PNG encoder.
    excludeSources: ['test/**', 'docs/**', 'test-results/**', 'tmp/**', 'coverage/**', 'stats*.html', '*.log', 'vitest.*config.ts'],
    includeSources: ['test/sandbox/png.ts'],
  },
  manifest: ({ browser, mode }) => ({
    // Name and description come from public/_locales, so the stores and the browser show them in the
    // user's language; the English ones must equal package.json's (test/unit/i18n/locales.test.ts).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // identity: the OAuth sign-in window (identity.launchWebAuthFlow) and its redirect URL.
    // declarativeNetRequestWithHostAccess: the token added to enabled sites' image requests to the
    // backend's images endpoint, outside the page; it acts only where host access was granted, and
    // shows no install warning (plain declarativeNetRequest would).
    // webRequest: reads (never changes) those requests' outcomes, to say in the popup why an image
    // did not show and to pause page requests after a 429; no install warning either.
    // storage: only for storage.managed, the organisation's policy (read, never written). Nothing
    // goes into storage.local or storage.sync: settings and tokens stay in IndexedDB (src/db/).
    permissions: ['scripting', 'alarms', 'contextMenus', 'activeTab', 'identity', 'declarativeNetRequestWithHostAccess', 'webRequest', 'storage'],
    // Hosts are asked for only when the user acts (saving the backend, enabling a site).
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    // WXT fills `icons` from public/icon/<size>.png (scripts/make-icons.ts draws them) but not the
    // toolbar button's; WXT adds the popup to this.
    // Screenshot shortcuts. Alt+Shift with a letter that neither browser uses (Firefox's own
    // screenshot key is Ctrl+Shift+S; Chromium 156 silently drops suggestions it keeps for itself,
    // such as Alt+Shift+R, P and W; Firefox ignores Alt+Shift+V); people change them in the browser's shortcut settings. A
    // press grants activeTab on that tab, which is all a capture needs.
    commands: {
      'screenshot-visible': { suggested_key: { default: 'Alt+Shift+Y' }, description: '__MSG_cmd_screenshotVisible__' },
      'screenshot-region': { suggested_key: { default: 'Alt+Shift+G' }, description: '__MSG_cmd_screenshotRegion__' },
      'screenshot-page': { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_cmd_screenshotPage__' },
    },
    action: { default_title: '__MSG_extName__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' } },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // The policy e2e build has an id of its own, so the machine-wide policy its tests
              // write names no other install (test/e2e/support/policy-files.ts).
              id: mode === POLICY_TEST_MODE ? POLICY_TEST_GECKO_ID : 'glean-images@extension.local',
              // The APIs need 128: optional_host_permissions (128; every host is optional here),
              // MV3 with action and an event page (109), scripting.registerContentScripts honouring
              // persistAcrossSessions (105), OffscreenCanvas.convertToBlob in the event page (105),
              // ClipboardItem in the popup (127, feature-detected), identity.launchWebAuthFlow (53).
              // The floor is 140 because that is where Firefox shows the data consent below at
              // install; the extension has no consent screen of its own for 128-139.
              strict_min_version: '140.0',
              // What leaves the browser, always to the user's own Glean backend and only there:
              // the API token (authenticationInfo), the images users upload from pages
              // (websiteContent), and people's e-mails/user IDs with their profile pictures
              // (personallyIdentifyingInfo: "Act as" and image metadata). The extension cannot work
              // without them, so they are required, not optional. No analytics, no telemetry.
              data_collection_permissions: {
                required: ['authenticationInfo', 'personallyIdentifyingInfo', 'websiteContent'],
              },
            },
            // Firefox for Android shows that consent from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // Lets ArrayBuffer/Blob cross runtime messaging without base64 (Chromium 148+).
          message_serialization: 'structured_clone',
          minimum_chrome_version: '148',
          // Without this key Chrome lets every other extension message us; nothing outside needs to.
          externally_connectable: { ids: [] },
          // What an organisation may set through policy (Chrome and Edge check it against this).
          storage: { managed_schema: 'managed_schema.json' },
          // A fixed extension id for the policy e2e build only, which its policy file names; the
          // store package gets its id from the store (the permissions audit forbids `key`).
          ...(mode === POLICY_TEST_MODE ? { key: POLICY_TEST_KEY } : {}),
        }),
  }),
});
