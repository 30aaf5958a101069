/** Runs backend code in a separate Node process, as a second backend would: its own connections, its own memory. */
import { spawn } from 'node:child_process';
import { BACKEND_ROOT } from '../paths';

/**
 * Evaluates `script` (an ES module; `import()` paths are relative to the
 * backend folder, and .ts works through tsx) with `env` added, and resolves
 * with what it wrote to stdout. Rejects when it exits non-zero.
 */
export async function runInChild(script: string, env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: BACKEND_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`child exited ${code}: ${stderr}`);
  return stdout;
}
