import type { Command } from 'commander';
import { formatDiagnostic } from '../../core/diagnostic.ts';
import { ConfigLoadError, jsonLogger, startServer, type RunningServer } from '../../xds/server.ts';
import type { CliIO } from '../io.ts';
import { UsageError, UserError } from '../io.ts';
import { validateExitCode } from './validate.ts';

/** `host:port` with a numeric port (IPv6 as `[::1]:15010`). */
export function parseAddress(flag: string, v: string): string {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d{1,5})$/.exec(v);
  if (!m || Number(m[2]) > 65535) throw new UsageError(`${flag} must be HOST:PORT (e.g. 127.0.0.1:15010), got "${v}"`);
  return v;
}

interface ServeFlags { xdsAddress: string; debugAddress: string; watch: boolean; tlsCert?: string; tlsKey?: string; tlsClientCa?: string; debounce: string; logLevel: string }

/** `sluice serve PATH…`: an xDS control plane (ADS, SotW and delta) for Envoy and proxyless gRPC. */
export function registerServe(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('Serve xDS (ADS over gRPC, SotW and delta; LDS/RDS/CDS/EDS) for the config in PATHs, like istiod')
    .argument('<paths...>', 'config files or directories')
    .option('--xds-address <host:port>', 'gRPC xDS listen address', '127.0.0.1:15010')
    .option('--debug-address <host:port>', 'debug HTTP address (/debug/syncz, /debug/config_dump, /ready, /metrics); "off" to disable', '127.0.0.1:15014')
    .option('--watch', 'reload the config when files change and push the difference', false)
    .option('--tls-cert <file>', 'serve xDS over TLS with this certificate (PEM)')
    .option('--tls-key <file>', 'private key for --tls-cert (PEM)')
    .option('--tls-client-ca <file>', 'require client certificates signed by this CA (PEM)')
    .option('--debounce <ms>', 'quiet period before pushing a change (istiod PILOT_DEBOUNCE_AFTER)', '100')
    .option('--log-level <level>', 'info | debug', 'info')
    .action(async (paths: string[], o: ServeFlags) => {
      const xdsAddress = parseAddress('--xds-address', o.xdsAddress);
      const debugAddress = o.debugAddress === 'off' ? undefined : parseAddress('--debug-address', o.debugAddress);
      if (!!o.tlsCert !== !!o.tlsKey) throw new UsageError('--tls-cert and --tls-key go together');
      if (o.tlsClientCa && !o.tlsCert) throw new UsageError('--tls-client-ca needs --tls-cert and --tls-key');
      const debounceMs = Number(o.debounce);
      if (!Number.isFinite(debounceMs) || debounceMs < 0) throw new UsageError('--debounce must be a number of milliseconds');
      const log = jsonLogger((l) => io.err(l), () => io.now(), o.logLevel === 'debug' ? 'debug' : 'info');
      let server: RunningServer;
      try {
        server = await startServer({
          paths, xdsAddress, debugAddress, watch: o.watch, log, debounceMs,
          ...(o.tlsCert && o.tlsKey ? { tls: { cert: o.tlsCert, key: o.tlsKey, ...(o.tlsClientCa ? { clientCa: o.tlsClientCa } : {}) } } : {}),
        });
      } catch (e) {
        if (e instanceof ConfigLoadError) {
          for (const d of e.diagnostics) io.err(formatDiagnostic(d) + '\n');
          throw new UserError(`not serving: the config has ${e.diagnostics.length} error(s) (fix them; \`sluice validate\` shows the same list)`, validateExitCode(e.diagnostics));
        }
        const err = e as NodeJS.ErrnoException;
        if (err?.code === 'ENOENT') throw new UserError(`cannot read ${err.path ?? 'a TLS file'}: no such file`);
        if (/No address added|EADDRINUSE|bind/i.test(String(err?.message))) throw new UserError(`cannot listen: ${err.message}`);
        throw e;
      }
      await waitForSignal();
      io.err(JSON.stringify({ time: io.now().toISOString(), level: 'info', msg: 'shutting down' }) + '\n');
      await server.close();
      setExit(0);
    });
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { process.off('SIGINT', done); process.off('SIGTERM', done); resolve(); };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
