/** Runs code in a separate process: backend code as a second backend would (its own connections, its own memory), or a command line tool. */
import { spawn } from 'node:child_process';
import { BACKEND_ROOT } from '../paths';

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `file` with `argv` in `cwd`, `env` added to ours, and resolves with its exit code and everything it wrote. */
export async function runProcess(file: string, argv: string[], cwd: string, env: Record<string, string>): Promise<ProcessResult> {
  const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  return { code, stdout, stderr };
}

/**
 * Evaluates `script` (an ES module; `import()` paths are relative to the
 * backend folder, and .ts works through tsx) with `env` added, and resolves
 * with what it wrote to stdout. Rejects when it exits non-zero.
 */
export async function runInChild(script: string, env: Record<string, string>): Promise<string> {
  const { code, stdout, stderr } = await runProcess(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], BACKEND_ROOT, env);
  if (code !== 0) throw new Error(`child exited ${code}: ${stderr}`);
  return stdout;
}
