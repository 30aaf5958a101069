import pino from 'pino';
import type { AppConfig } from '../env';

export type Logger = pino.Logger;

/** JSON lines to stdout; one line per request comes from the request-log middleware. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'openipp-backend' } });
}
