import { pickLocale, type Locale } from '@openipp/shared';
import { readEnv, type AppConfig } from '../env';

/** CLI tools share the server's environment parsing; exit with the message instead of a stack trace. */
export function cliConfig(): AppConfig {
  try {
    return readEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

export function cliLocale(config: AppConfig): Locale {
  return pickLocale(config.cliLanguage);
}
