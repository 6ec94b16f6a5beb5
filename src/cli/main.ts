import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { processIO, UsageError, UserError, type CliIO } from './io.ts';
import { ExitCode } from '../core/diagnostic.ts';
import { registerValidate } from './commands/validate.ts';
import { registerTranslate } from './commands/translate.ts';
import { registerTrace } from './commands/trace.ts';
import { registerTest } from './commands/test.ts';
import { registerProxyConfig } from './commands/proxy-config.ts';
import { registerDescribe } from './commands/describe.ts';
import { registerDiff } from './commands/diff.ts';
import { registerAnalyze } from './commands/analyze.ts';
import { registerServe } from './commands/serve.ts';
import { registerProxyStatus } from './commands/proxy-status.ts';

type Register = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/** Every command, one line each. Each command lives in ./commands/<name>.ts. */
const COMMANDS: Register[] = [
  registerValidate,
  registerTranslate,
  registerTrace,
  registerTest,
  registerProxyConfig,
  registerDescribe,
  registerDiff,
  registerAnalyze,
  registerServe,
  registerProxyStatus,
];

export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let exitCode: number = ExitCode.OK;
  const program = new Command('sluice')
    .description('Istio-compatible traffic management: validate, translate, trace, inspect, analyze, serve')
    .version(packageVersion(), '-V, --version', 'print the Sluice version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError(false);
  for (const register of COMMANDS) register(program, io, (c) => { exitCode = c; });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.OK;
      return ExitCode.BadUsage;
    }
    if (e instanceof UsageError) {
      io.err(`Error: ${e.message}\n`);
      return ExitCode.BadUsage;
    }
    if (e instanceof UserError) {
      io.err(`Error: ${e.message}\n`);
      return e.exitCode;
    }
    io.err(`internal error (a Sluice bug, please report it): ${(e as Error)?.stack ?? e}\n`);
    return 70;
  }
}

/** The version in package.json (read once, at startup; "unknown" if it cannot be read). */
function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}
