import { defineConfig } from 'wxt';

const CHROME_ONLY_PERMISSIONS: string[] = ['pageCapture'];

// WXT reads this at build time only; runtime code lives in src/entrypoints.
export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    // Chrome localises these two from public/_locales; every other string is in locales/.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: reads the page's real viewport size and devicePixelRatio for the capture metadata.
    // unlimitedStorage: queued evidence stays in IndexedDB until receipted, however much piles up offline (issue #7).
    // pageCapture: the MHTML page archive, one more artefact of each capture (Chrome only; the Firefox build drops it below).
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'tabs', 'activeTab', 'scripting', 'contextMenus', 'pageCapture'],
    // Screenshots of any page and uploads to a backend whose URL the user sets.
    host_permissions: ['<all_urls>'],
    // Capture without opening the popup (lib/commands.ts); users rebind it in the browser's shortcut settings.
    commands: {
      'capture-listing': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: '__MSG_commandCaptureListing__',
      },
    },
    // Firefox only (removed from other builds below). Its built-in consent names what goes to the user's server.
    browser_specific_settings: {
      gecko: {
        id: 'evidence-capture@openipp.org',
        strict_min_version: '140.0',
        data_collection_permissions: {
          required: ['authenticationInfo', 'browsingActivity', 'personallyIdentifyingInfo', 'websiteContent'],
        },
      },
    },
  },
  // A zip of extension/ alone could not be rebuilt (it needs shared/ and locales/): the source is the repository.
  // Firefox is built as MV3 (package.json scripts pass --mv3): the code uses MV3's `action` and `scripting`.
  zip: { name: 'openipp-extension', zipSources: false },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser !== 'firefox') {
        delete manifest.browser_specific_settings;
        return;
      }
      // Chrome-only APIs (the MHTML page archive): Firefox has none, so its build does not ask for them.
      manifest.permissions = manifest.permissions?.filter((permission) => !CHROME_ONLY_PERMISSIONS.includes(permission));
      manifest.optional_permissions = manifest.optional_permissions?.filter((permission) => !CHROME_ONLY_PERMISSIONS.includes(permission));
    },
  },
});
