import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { compareDiagnostics, formatDiagnostic, formatSource, ExitCode, friendlyName, type Diagnostic } from '../../core/diagnostic.ts';
import { PARSE_FAILURE_CODES } from '../../config/codes.ts';
import type { CliIO } from '../io.ts';
import { UsageError } from '../io.ts';
import { parseChoice, renderStructured } from '../output.ts';
import { namespaceFlag } from '../namespace-flag.ts';

export function registerValidate(program: Command, io: CliIO, setExit: (c: number) => void): void {
  program
    .command('validate')
    .description('Load and validate Istio and Kubernetes config (schema + Istio semantic rules)')
    .argument('<paths...>', 'files, directories (recursive) or - for stdin')
    .option('-o, --output <format>', 'log | json | yaml', 'log')
    .option('-n, --namespace <ns>', 'namespace for objects that have none', 'default')
    .option('--max-file-size <MiB>', 'refuse files larger than this', '32')
    .option('-q, --quiet', 'print only errors and warnings', false)
    .action((paths: string[], o: { output: string; namespace: string; maxFileSize: string; quiet: boolean }) => {
      const format = parseChoice('--output', o.output, ['log', 'json', 'yaml'] as const);
      namespaceFlag(o.namespace);
      const maxMiB = Number(o.maxFileSize);
      if (!Number.isFinite(maxMiB) || maxMiB <= 0) throw new UsageError(`--max-file-size must be a positive number of MiB`);
      const cfg = loadConfig(paths, { defaultNamespace: o.namespace, cwd: io.cwd, stdinText: io.stdinText, maxFileBytes: maxMiB * 1048576 });
      const diags = [...cfg.diagnostics].sort(compareDiagnostics).filter((d) => !(o.quiet && d.severity === 'Info'));
      if (format === 'log') {
        for (const d of diags) io.out(formatDiagnostic(d) + '\n');
        const errors = diags.filter((d) => d.severity === 'Error').length;
        const where = `${cfg.files.length} file(s)${skippedText(cfg.skipped ?? [])}`;
        const summary = errors ? `✘ ${errors} error(s) in ${where}` : `✔ ${cfg.snapshot.objects.length} object(s) in ${where} are valid`;
        io.err(summary + '\n');
      } else {
        io.out(renderStructured(diags.map(diagnosticToJSON), format));
      }
      setExit(validateExitCode(cfg.diagnostics));
    });
}

/** ` (2 skipped: 1 binary, 1 not .yaml/.yml/.json)`, or nothing when every file found was read. */
export function skippedText(skipped: ReadonlyArray<{ readonly reason: string }>): string {
  if (!skipped.length) return '';
  const counts = new Map<string, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const why = [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${n} ${r}`).join(', ');
  return ` (${skipped.length} skipped: ${why})`;
}

/** 65 when any input could not be parsed, 79 when any resource is invalid, else 0. */
export function validateExitCode(diags: readonly Diagnostic[]): number {
  if (diags.some((d) => PARSE_FAILURE_CODES.has(d.code))) return ExitCode.UnparseableInput;
  if (diags.some((d) => d.severity === 'Error')) return ExitCode.InvalidResource;
  return ExitCode.OK;
}

export function diagnosticToJSON(d: Diagnostic): Record<string, unknown> {
  return {
    code: d.code,
    level: d.severity,
    origin: d.resource ? friendlyName(d.resource) : undefined,
    message: d.message,
    reference: d.source ? formatSource(d.source) : undefined,
    path: d.path,
    file: d.source?.file,
    line: d.source?.line,
    column: d.source?.column,
  };
}
