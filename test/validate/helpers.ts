// Shared helpers for the validate tests: temporary input directories and in-process CLI runs.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

/** A fresh temporary directory with these files (relative path -> content); removed after the tests. */
export function tempInputs(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-validate-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

export interface CliRun { code: number; stdout: string; stderr: string }

/** Run `sluice <args>` in-process, as the real CLI would. */
export async function sluice(args: string[], stdinText?: string): Promise<CliRun> {
  const io = captureIO(stdinText);
  const code = await main(['node', 'sluice', ...args], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** A user mistake never prints a stack trace. */
export function noStackTrace(r: CliRun): boolean {
  return !/\n\s+at [^\n]+:\d+:\d+/.test(r.stdout + r.stderr) && !/internal error/.test(r.stderr);
}

export const VALID_VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
`;
