import type { BlobStore } from '../blobs';
import type { AppConfig } from '../env';
import type { Store } from '../store';
import type { Mailer } from '../services/mail';
import type { Logger } from './logger';
import type { SigningKey } from './signing-key';

/** What route factories get: explicit dependencies, no globals. */
export interface AppDeps {
  config: AppConfig;
  store: Store;
  blobs: BlobStore;
  logger: Logger;
  /** The outbox sender; routes kick it after a commit that queued mail. */
  mailer: Mailer;
  /** Signs capture receipts; its public half is published at GET /api/evidence/public-key. */
  signingKey: SigningKey;
  /** Where the built console lives; defaults to backend/dist/console. */
  consoleDir: string;
}
