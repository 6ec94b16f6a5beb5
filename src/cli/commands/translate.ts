import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { compareDiagnostics, formatDiagnostic, ExitCode } from '../../core/diagnostic.ts';
import { toConfigDump } from '../../envoy/config-dump.ts';
import { parseProxySpec, ProxySpecError } from '../../model/proxy-spec.ts';
import { translateProxy } from '../../translate/index.ts';
import type { CliIO } from '../io.ts';
import { UserError } from '../io.ts';
import { parseChoice, renderStructured } from '../output.ts';

/**
 * `sluice translate PATH… --proxy PROXY [-o json|yaml]`: the Envoy config istiod would send to one proxy,
 * printed as an Envoy admin config dump. Invalid objects are reported on stderr and left out.
 * Exit codes: 0 ok, 1 bad --proxy (unknown pod, malformed spec), 64 usage.
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
        if (d.severity !== 'Info') io.err(`warning: ${formatDiagnostic(d)}\n`);
      }
      let dump;
      try {
        dump = toConfigDump(translateProxy(cfg.snapshot, parseProxySpec(o.proxy)));
      } catch (e) {
        if (e instanceof ProxySpecError) throw new UserError(e.message, ExitCode.Failure);
        throw e;
      }
      io.out(renderStructured(dump, format));
      setExit(ExitCode.OK);
    });
}
