import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { PARSE_FAILURE_CODES } from '../../config/codes.ts';
import { compareDiagnostics, formatDiagnostic, ExitCode } from '../../core/diagnostic.ts';
import { toConfigDump } from '../../envoy/config-dump.ts';
import type { CliIO } from '../io.ts';
import { UserError } from '../io.ts';
import { parseChoice, renderStructured } from '../output.ts';
import { translateFor } from '../proxy-source.ts';

/**
 * `sluice translate PATH… --proxy PROXY [-o json|yaml]`: the Envoy config istiod would send to one proxy,
 * printed as an Envoy admin config dump. Invalid objects are reported on stderr and left out.
 * Exit codes: 0 ok, 1 a well-formed --proxy that matches no pod, 64 usage (incl. a malformed --proxy),
 * 65 an input file that cannot be read or parsed (as trace, proxy-config and serve).
 */
export function registerTranslate(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('translate')
    .description('Translate Istio config into the Envoy xDS (config dump) one proxy would receive')
    .argument('<paths...>', 'files, directories (recursive) or - for stdin')
    .requiredOption('--proxy <proxy>', 'sidecar:NAMESPACE[:k=v,...] | router:NAMESPACE:k=v,... | pod/NAME.NAMESPACE')
    .option('-o, --output <format>', 'json | yaml', 'json')
    .option('-n, --namespace <ns>', 'namespace for objects that have none', 'default')
    .action((paths: string[], o: { proxy: string; output: string; namespace: string }) => {
      const format = parseChoice('--output', o.output, ['json', 'yaml'] as const);
      const cfg = loadConfig(paths, { defaultNamespace: o.namespace, cwd: io.cwd, stdinText: io.stdinText });
      for (const d of [...cfg.diagnostics].sort(compareDiagnostics)) {
        if (d.severity !== 'Info') io.err(`${PARSE_FAILURE_CODES.has(d.code) ? 'error' : 'warning'}: ${formatDiagnostic(d)}\n`);
      }
      const fatal = cfg.diagnostics.filter((d) => PARSE_FAILURE_CODES.has(d.code)).length;
      if (fatal) throw new UserError(`${fatal} input file(s) could not be read or parsed (see above); nothing translated`, ExitCode.UnparseableInput);
      const { config } = translateFor(cfg.snapshot, o.proxy, o.namespace);
      io.out(renderStructured(toConfigDump(config), format));
      setExit(ExitCode.OK);
    });
}
