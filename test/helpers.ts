// Shared test helpers: run the built CLI as a user would.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/dossier.js', import.meta.url));
export const EXAMPLE = fileURLToPath(new URL('../../examples/taliban-al-qaeda.txt', import.meta.url));

export function runCli(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', maxBuffer: 256 << 20, cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
