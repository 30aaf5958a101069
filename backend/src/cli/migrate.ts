/** Applies pending migrations to DATA_DIR's database, then exits. */
import { databaseFile, openStore } from '../store';
import { serverText } from '../lib/i18n';
import { cliConfig, cliLocale } from './cli-env';

const config = cliConfig();
const store = openStore(config.dataDir);
await store.close();
console.log(serverText(cliLocale(config), 'migrate.done', { file: databaseFile(config.dataDir) }));
