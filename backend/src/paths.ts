import { fileURLToPath } from 'node:url';

/** The backend package root, so nothing depends on the directory the process was started from. */
export const BACKEND_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../dist/console', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
