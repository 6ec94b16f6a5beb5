import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import type { CliIO } from '../io.ts';
import { UsageError, UserError } from '../io.ts';
import { parseChoice, renderStructured } from '../output.ts';
import { namespaceFlag } from '../namespace-flag.ts';
import { loadPaths } from '../../config/load/files.ts';
import { buildSnapshot } from '../../config/snapshot.ts';
import type { RawObject } from '../../config/load/raw-object.ts';
import { meshConfigFrom } from '../../config/mesh-config.ts';
import { PARSE_FAILURE_CODES } from '../../config/codes.ts';
import { ExitCode, formatDiagnostic, severityAtLeast, type Diagnostic, type Severity } from '../../core/diagnostic.ts';
import { ALL_ANALYZERS, analyzeSnapshot, findAnalyzer, sortAndDedupe, type Analyzer } from '../../analyze/index.ts';
import { packageVersion } from '../version.ts';
import { parseSuppression, type Suppression } from '../../analyze/suppress.ts';
import { toMessageJSON, toSarif } from '../../analyze/report.ts';

const LEVELS = ['Info', 'Warning', 'Error'] as const;
const FORMATS = ['log', 'json', 'yaml', 'sarif'] as const;
const DOCS = 'https://istio.io/latest/docs/reference/config/analysis';

interface AnalyzeFlags {
  allNamespaces: boolean;
  namespace: string;
  output: string;
  failureThreshold: string;
  outputThreshold: string;
  suppress: string[];
  listAnalyzers: boolean;
  retryBudget: string;
  analyzer: string[];
  meshConfigFile?: string;
  verbose: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerAnalyze(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('analyze')
    .description('Analyze Istio configuration with istioctl analyze\'s traffic analyzers and Sluice\'s SLU checks')
    .argument('[paths...]', 'files, directories (recursive) or - for stdin')
    .option('-A, --all-namespaces', 'analyze all namespaces', false)
    .option('-n, --namespace <ns>', 'namespace to analyze; also given to objects without one', 'default')
    .option('-o, --output <format>', 'log | json | yaml | sarif', 'log')
    .option('--failure-threshold <level>', 'exit 79 when a finding is at or above this level: Info | Warning | Error', 'Error')
    .option('--output-threshold <level>', 'print findings at or above this level: Info | Warning | Error', 'Info')
    .option('-S, --suppress <CODE=GLOB>', 'suppress findings of CODE on resources whose "Kind ns/name" matches GLOB (repeatable)', collect, [])
    .option('-L, --list-analyzers', 'list the analyzers and exit', false)
    .option('--analyzer <name>', 'run only this analyzer (repeatable; see -L)', collect, [])
    .option('--retry-budget <n>', 'SLU0002: total upstream attempts allowed across a gateway route and the mesh route it calls', '10')
    .option('--meshConfigFile <path>', 'a MeshConfig YAML body overriding Istio\'s defaults')
    .option('-v, --verbose', 'also print skipped analyzers', false)
    .action((paths: string[], o: AnalyzeFlags) => {
      if (o.listAnalyzers) {
        listAnalyzers(io);
        setExit(ExitCode.OK);
        return;
      }
      setExit(runAnalyze(paths, o, io));
    });
}

function listAnalyzers(io: CliIO): void {
  io.out('Available analyzers:\n');
  for (const a of ALL_ANALYZERS) io.out(`* ${a.meta.name}:\n    ${a.meta.description}\n`);
}

function runAnalyze(paths: string[], o: AnalyzeFlags, io: CliIO): number {
  const flags = parseFlags(paths, o);
  const meshConfig = flags.meshConfigFile ? readMeshConfig(flags.meshConfigFile) : undefined; // before reading inputs: a bad flag stops early
  const loaded = loadPaths(paths, { defaultNamespace: o.namespace, cwd: io.cwd, stdinText: io.stdinText });
  // Unreadable/unparseable input goes to stderr (exit 65); other loader findings (a document without kind,
  // an empty directory) are reported with the analysis findings.
  const parseFailures = loaded.diagnostics.filter((d) => PARSE_FAILURE_CODES.has(d.code));
  for (const d of parseFailures) io.err(formatDiagnostic(d) + '\n');
  const snapshot = buildSnapshot(loaded.objects, meshConfig ? { meshConfig } : {});
  const result = analyzeSnapshot(snapshot, { analyzers: flags.analyzers, now: io.now(), suppressions: flags.suppressions, options: { retryBudget: flags.retryBudget } });
  if (o.verbose) for (const s of result.skipped) io.err(`Skipped analyzer ${s.name}: ${s.reason}\n`);
  const findings = sortAndDedupe([...loaded.diagnostics.filter((d) => !PARSE_FAILURE_CODES.has(d.code)), ...result.diagnostics]);
  const inScope = findings.filter((d) => o.allNamespaces || !d.resource?.namespace || d.resource.namespace === o.namespace);
  const shown = inScope.filter((d) => severityAtLeast(d.severity, flags.outputThreshold));
  const target = o.allNamespaces ? 'all namespaces' : `namespace: ${o.namespace}`;
  const failed = inScope.some((d) => severityAtLeast(d.severity, flags.failureThreshold));
  const unparseable = parseFailures.length > 0;
  // "No issues" only when there really are none: not after unreadable input, nor when --output-threshold hid some.
  render(shown, flags.format, unparseable || inScope.length ? undefined : target, io);
  if (!o.allNamespaces) hintOtherNamespaces(loaded.objects, o.namespace, io);
  if (flags.format === 'log' && failed) io.err(`Error: Analyzers found issues when analyzing ${target}.\nSee ${DOCS} for more information about causes and resolutions.\n`);
  if (unparseable) return ExitCode.UnparseableInput;
  return failed ? ExitCode.AnalyzerFoundIssues : ExitCode.OK;
}

/**
 * istioctl analyzes only the -n namespace (default "default"); a stderr hint names the input's other
 * namespaces so that "No validation issues found" is not taken as an all-clear for them.
 */
function hintOtherNamespaces(objects: readonly RawObject[], namespace: string, io: CliIO): void {
  const counts = new Map<string, number>();
  for (const x of objects) if (x.ref.namespace && x.ref.namespace !== namespace) counts.set(x.ref.namespace, (counts.get(x.ref.namespace) ?? 0) + 1);
  if (!counts.size) return;
  const others = [...counts.keys()].sort();
  const busiest = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  io.err(`Note: input has objects in namespace${others.length > 1 ? 's' : ''} ${others.join(', ')}, not analyzed; use -A or -n ${busiest}\n`);
}

/** `target` undefined: no "no issues" line (it would be a false all-clear). */
function render(shown: readonly Diagnostic[], format: (typeof FORMATS)[number], target: string | undefined, io: CliIO): void {
  if (format === 'log') {
    for (const d of shown) io.out(formatDiagnostic(d) + '\n');
    if (!shown.length && target) io.err(`\u2714 No validation issues found when analyzing ${target}.\n`);
  } else if (format === 'sarif') {
    io.out(JSON.stringify(toSarif(shown, { toolVersion: packageVersion(), srcRoot: io.cwd }), null, 2) + '\n');
  } else {
    io.out(renderStructured(shown.map(toMessageJSON), format));
  }
}

interface ParsedFlags {
  format: (typeof FORMATS)[number];
  failureThreshold: Severity;
  outputThreshold: Severity;
  suppressions: Suppression[];
  analyzers: readonly Analyzer[];
  retryBudget: number;
  meshConfigFile?: string;
}

function parseFlags(paths: string[], o: AnalyzeFlags): ParsedFlags {
  if (!paths.length) throw new UsageError('analyze needs at least one file or directory (or - for stdin)');
  namespaceFlag(o.namespace);
  if (o.allNamespaces && o.namespace !== 'default') throw new UsageError('--all-namespaces and --namespace cannot be combined');
  const retryBudget = Number(o.retryBudget);
  if (!Number.isInteger(retryBudget) || retryBudget < 1) throw new UsageError(`--retry-budget must be a positive integer, got "${o.retryBudget}"`);
  const suppressions = o.suppress.map((s) => {
    const p = parseSuppression(s);
    if (!p) throw new UsageError(`invalid --suppress "${s}": expected CODE=GLOB, e.g. 'IST0102=Namespace frod' or 'SLU0007=VirtualService shop/*'`);
    return p;
  });
  const analyzers = o.analyzer.length ? o.analyzer.map((name) => {
    const a = findAnalyzer(name);
    if (!a) throw new UsageError(`unknown analyzer "${name}" (sluice analyze -L lists them)`);
    return a;
  }) : ALL_ANALYZERS;
  return {
    format: parseChoice('--output', o.output, FORMATS),
    failureThreshold: parseChoice('--failure-threshold', o.failureThreshold, LEVELS),
    outputThreshold: parseChoice('--output-threshold', o.outputThreshold, LEVELS),
    suppressions, analyzers, retryBudget, meshConfigFile: o.meshConfigFile,
  };
}

/** --meshConfigFile: unreadable, unparseable, or not a YAML mapping -> a one-line message and exit 65. */
export function readMeshConfig(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read --meshConfigFile ${path}: ${readErrorText(e)}`, ExitCode.UnparseableInput);
  }
  let body: unknown;
  try {
    body = parseYaml(text);
  } catch (e) {
    throw new UserError(`cannot parse --meshConfigFile ${path}: ${(e as Error).message.split('\n')[0]}`, ExitCode.UnparseableInput);
  }
  if (body === null || body === undefined) return meshConfigFrom(undefined);
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new UserError(`--meshConfigFile ${path} must hold a MeshConfig mapping (e.g. "rootNamespace: istio-system"), got ${Array.isArray(body) ? 'a list' : `a ${typeof body}`}`, ExitCode.UnparseableInput);
  }
  return meshConfigFrom(body as Record<string, unknown>);
}

function readErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return (e as Error).message;
}
