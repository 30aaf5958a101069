/**
 * `npm run verify-evidence -- <bundle.zip> [--public-key <key.pem>]`: checks an
 * evidence bundle offline, reading nothing but the zip (and the pinned key).
 * Prints every check as passed or failed; exit 0 when all pass, 1 when any
 * fails, 2 when there is nothing it can check (usage, unreadable file).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serverText, type ServerKey } from '../lib/i18n';
import { parsePublicKey } from '../lib/signing-key';
import { verifyEvidenceBundle, type CheckResult } from '../services/evidence-bundle';
import { cliConfig, cliLocale } from './cli-env';

const locale = cliLocale(cliConfig());
const say = (key: ServerKey, vars?: Record<string, string>) => serverText(locale, key, vars);

function cannotVerify(key: ServerKey, vars?: Record<string, string>): never {
  console.error(say(key, vars));
  process.exit(2);
}

function parse(): { bundle: string; publicKey: string | undefined } {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { 'public-key': { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) cannotVerify('verifyEvidence.usage');
    return { bundle: positionals[0]!, publicKey: values['public-key'] };
  } catch {
    cannotVerify('verifyEvidence.usage');
  }
}

function read(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    cannotVerify('verifyEvidence.cannotRead', { file, error: error instanceof Error ? error.message : String(error) });
  }
}

const args = parse();
const zip = read(args.bundle);
let publicKeyPem: string | undefined;
if (args.publicKey !== undefined) {
  publicKeyPem = read(args.publicKey).toString('utf8');
  try {
    parsePublicKey(publicKeyPem);
  } catch {
    cannotVerify('verifyEvidence.badPinnedKey', { file: args.publicKey });
  }
}

const report = verifyEvidenceBundle(zip, publicKeyPem === undefined ? {} : { publicKeyPem });
const checkName = (result: CheckResult) => say(`verifyEvidence.checks.${result.check}`);

console.log(say('verifyEvidence.capture', { file: path.basename(args.bundle), captureId: report.captureId ?? '?' }));
if (report.keyId !== undefined) {
  console.log(
    report.keySource === 'pinned'
      ? say('verifyEvidence.keyPinned', { file: args.publicKey ?? '', keyId: report.keyId })
      : say('verifyEvidence.keyFromBundle', { keyId: report.keyId }),
  );
}
for (const result of report.checks) {
  if (result.ok) console.log(say('verifyEvidence.passed', { check: checkName(result) }));
  else console.log(say('verifyEvidence.failed', { check: checkName(result), reason: say(`verifyEvidence.reasons.${result.failure!}`, result.detail) }));
}
const failed = report.checks.filter((result) => !result.ok);
if (failed.length === 0) {
  console.log(say('verifyEvidence.allPassed', { count: String(report.checks.length) }));
} else {
  const list = failed.map((result) => result.check).join(', ');
  console.error(say('verifyEvidence.someFailed', { count: String(failed.length), total: String(report.checks.length), checks: list }));
  process.exitCode = 1;
}
