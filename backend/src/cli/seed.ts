/** Demo accounts into an empty database. Refuses (exit 1) when NODE_ENV=production. */
import { serverText } from '../lib/i18n';
import { openBlobStore } from '../blobs';
import { seedDemo } from '../services/seed';
import { openStore } from '../store';
import { cliConfig, cliLocale } from './cli-env';

const config = cliConfig();
const locale = cliLocale(config);
if (config.nodeEnv === 'production') {
  console.error(serverText(locale, 'seed.refusedInProduction'));
  process.exit(1);
}
const store = openStore(config.dataDir);
try {
  const outcome = await seedDemo(store, config.nodeEnv, { blobs: openBlobStore(config.dataDir), demoStory: true });
  console.log(serverText(locale, outcome === 'created' ? 'seed.created' : 'seed.skipped'));
} finally {
  await store.close();
}
