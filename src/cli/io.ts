/** Where a command writes, so tests can run the CLI in-process and capture output. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
  /** Text for `-` (stdin); tests set it, the real CLI reads fd 0 lazily. */
  readonly stdinText?: string;
  /** Current time (frozen in tests and conformance). */
  now(): Date;
}

export const processIO: CliIO = {
  out: (t) => { process.stdout.write(t); },
  err: (t) => { process.stderr.write(t); },
  cwd: process.cwd(),
  now: () => new Date(),
};

/** A usage error (bad flags or arguments): exit 64, message without a stack. */
export class UsageError extends Error {}
/** A user-facing failure with a clear message (bad dump, unreachable admin URL…): exit code given. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 1) { super(message); }
}

export function captureIO(stdinText?: string, now = new Date('2025-01-01T00:00:00Z')): CliIO & { stdout: () => string; stderr: () => string } {
  let o = '', e = '';
  return {
    out: (t) => { o += t; },
    err: (t) => { e += t; },
    cwd: process.cwd(),
    stdinText,
    now: () => now,
    stdout: () => o,
    stderr: () => e,
  };
}
