import { defineConfig } from 'wxt';

// WXT reads this at build time only; runtime code lives in src/entrypoints.
export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'tabs', 'activeTab'],
    // Screenshots of any page and uploads to a backend whose URL the user sets.
    host_permissions: ['<all_urls>'],
  },
});
