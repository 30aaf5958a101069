/**
 * `npm run audit:verify [-- --head=<seq>:<hash>]`: verifies the whole audit
 * trail of DATA_DIR's database, read-only, so it is safe beside a running
 * server. Exit 0 when intact (an empty trail included), 1 when broken, naming
 * the first broken entry, 2 when there is nothing it can verify.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serverText, type ServerKey } from '../lib/i18n';
import { verifyAuditChain, type AuditHead } from '../services/audit';
import { databaseFile, openAuditView } from '../store';
import { cliConfig, cliLocale } from './cli-env';

const config = cliConfig();
const locale = cliLocale(config);
const say = (key: ServerKey, vars?: Record<string, string>) => serverText(locale, key, vars);

function cannotVerify(key: ServerKey, vars?: Record<string, string>): never {
  console.error(say(key, vars));
  process.exit(2);
}

/** The head an earlier run printed, as `<seq>:<hash>`. */
function parseHead(args: string[]): AuditHead | undefined {
  let head: string | undefined;
  try {
    head = parseArgs({ args, options: { head: { type: 'string' } }, strict: true, allowPositionals: false }).values.head;
  } catch {
    cannotVerify('audit.usage');
  }
  if (head === undefined) return undefined;
  const match = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(head.trim());
  if (!match || Number(match[1]) < 1) cannotVerify('audit.usage');
  return { seq: Number(match[1]), hash: match[2]!.toLowerCase() };
}

const expectedHead = parseHead(process.argv.slice(2));
const file = databaseFile(config.dataDir);
// Opening a missing file would create an empty database and report a clean, empty trail: the wrong DATA_DIR must fail.
if (!existsSync(file)) cannotVerify('audit.noDatabase', { file });
const view = openAuditView(config.dataDir);
if (view === undefined) cannotVerify('audit.notMigrated', { file });

try {
  const result = await verifyAuditChain(view, expectedHead ? { expectedHead } : {});
  if (!result.ok) {
    const reason = say(`audit.reasons.${result.reason}`);
    console.error(say('audit.broken', { seq: String(result.firstBrokenSeq), reason, count: String(result.entries) }));
    process.exitCode = 1;
  } else if (result.head === null) {
    console.log(say('audit.empty'));
  } else {
    const head = { seq: String(result.head.seq), hash: result.head.hash };
    console.log(say('audit.verified', { count: String(result.entries) }));
    if (expectedHead) console.log(say('audit.headMatched', { seq: String(expectedHead.seq) }));
    console.log(say('audit.head', head));
  }
} finally {
  await view.close();
}
