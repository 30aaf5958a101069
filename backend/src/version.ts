import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BACKEND_ROOT } from './paths';

export const APP_VERSION = (JSON.parse(readFileSync(path.join(BACKEND_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
