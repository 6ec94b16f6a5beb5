import { packageVersion } from './version.ts';
import { Command, CommanderError, Help } from 'commander';
import { processIO, UsageError, UserError, type CliIO } from './io.ts';
import { ExitCode } from '../core/diagnostic.ts';
type Register = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/**
 * Every command, one line each; each lives in ./commands/<name>.ts. Only the command being run is
 * imported (an import of every command costs most of a second: translation, gRPC, Envoy protos);
 * the others are registered from `names`, `term` and `summary` alone, which is all the top-level
 * help, "unknown command" and "Did you mean" need. main.test.ts checks these against each command.
 */
export interface CommandEntry {
  /** The name, then the aliases. */
  readonly names: readonly string[];
  /** The command's line in the top-level help (commander's subcommand term). */
  readonly term: string;
  /** Its description. */
  readonly summary: string;
  readonly load: () => Promise<Register>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { names: ['validate'], term: 'validate [options] <paths...>', summary: "Load and validate Istio and Kubernetes config (schema + Istio semantic rules)", load: async () => (await import('./commands/validate.ts')).registerValidate },
  { names: ['translate'], term: 'translate [options] <paths...>', summary: "Translate Istio config into the Envoy xDS (config dump) one proxy would receive", load: async () => (await import('./commands/translate.ts')).registerTranslate },
  { names: ['trace'], term: 'trace [options] [paths...]', summary: "Explain how a proxy routes a request: listener, filter chain, route config, virtual host, route, cluster, endpoints", load: async () => (await import('./commands/trace.ts')).registerTrace },
  { names: ['test'], term: 'test [options] <files...>', summary: "Run route tests (YAML: requests and their expected routing) and report VirtualService route coverage", load: async () => (await import('./commands/test.ts')).registerTest },
  { names: ['proxy-config', 'pc'], term: 'proxy-config|pc', summary: "Show a proxy's Envoy config as istioctl proxy-config does: from a config_dump (-f), a live admin endpoint (--admin) or Sluice's translation (PATH… --proxy)", load: async () => (await import('./commands/proxy-config.ts')).registerProxyConfig },
  { names: ['describe', 'des'], term: 'describe|des', summary: "Describe a pod or service and the Istio config that affects it (istioctl x describe), from YAML plus each pod's Envoy config", load: async () => (await import('./commands/describe.ts')).registerDescribe },
  { names: ['diff'], term: 'diff [options] [paths...]', summary: "What changes in proxies' Envoy config (listeners, routes, clusters, endpoints) between two config revisions", load: async () => (await import('./commands/diff.ts')).registerDiff },
  { names: ['analyze'], term: 'analyze [options] [paths...]', summary: "Analyze Istio configuration with istioctl analyze's traffic analyzers and Sluice's SLU checks", load: async () => (await import('./commands/analyze.ts')).registerAnalyze },
  { names: ['serve'], term: 'serve [options] <paths...>', summary: "Serve xDS (ADS over gRPC, SotW and delta; LDS/RDS/CDS/EDS) for the config in PATHs, like istiod", load: async () => (await import('./commands/serve.ts')).registerServe },
  { names: ['proxy-status', 'ps'], term: 'proxy-status|ps [options] [proxy]', summary: "Show each connected proxy's xDS sync state (istioctl proxy-status), from sluice serve's debug endpoint", load: async () => (await import('./commands/proxy-status.ts')).registerProxyStatus },
];

/**
 * The command `argv` runs, as commander picks it: the first operand (the program's own options,
 * -h/-V, take no value; after `--` everything is an operand); for `help NAME`, NAME.
 */
export function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const operands: string[] = [];
  const args = argv.slice(2);
  for (let i = 0; i < args.length && operands.length < 2; i++) {
    if (args[i] === '--') { operands.push(...args.slice(i + 1, i + 3)); break; }
    if (!args[i]!.startsWith('-')) operands.push(args[i]!);
  }
  const name = operands[0] === 'help' ? operands[1] : operands[0];
  return name === undefined ? undefined : COMMANDS.find((c) => c.names.includes(name));
}

/** A command that is not being run: listed in the help, never executed. */
function registerSummary(program: Command, c: CommandEntry, terms: Map<Command, string>): void {
  const cmd = program.command(c.names[0]!).aliases(c.names.slice(1)).description(c.summary)
    .action(() => { throw new Error(`command ${c.names[0]} ran without being loaded`); });
  terms.set(cmd, c.term);
}

export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  let exitCode: number = ExitCode.OK;
  const program = new Command('sluice')
    .description('Istio-compatible traffic management: validate, translate, trace, inspect, analyze, serve')
    .version(packageVersion(), '-V, --version', 'print the Sluice version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError(false);
  const running = commandNamed(argv);
  const terms = new Map<Command, string>();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd) ?? new Help().subcommandTerm(cmd) });
  for (const c of COMMANDS) {
    if (c === running) (await c.load())(program, io, (code) => { exitCode = code; });
    else registerSummary(program, c, terms);
  }
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
