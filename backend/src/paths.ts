import { fileURLToPath } from 'node:url';

/** The backend package root, so nothing depends on the directory the process was started from. */
export const BACKEND_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../dist/console', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The agreement texts we ship: `v<n>/{zh-CN.md,en.md,summary.json}`, seeded as versions 1 and 2. */
export const AGREEMENTS_CONTENT_DIR = fileURLToPath(new URL('../content/agreements', import.meta.url));
