import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const backendDir = resolve(repoRoot, 'backend');
export const extensionDir = resolve(repoRoot, 'extension', '.output', 'chrome-mv3');
export const fixturesDir = resolve(repoRoot, 'e2e', 'fixtures');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
