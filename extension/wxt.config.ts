import { defineConfig } from 'wxt';

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
    permissions: ['storage', 'alarms', 'tabs', 'activeTab', 'scripting'],
    // Screenshots of any page and uploads to a backend whose URL the user sets.
    host_permissions: ['<all_urls>'],
  },
});
