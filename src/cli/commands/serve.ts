import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { UsageError } from '../io.ts';

// Only flag parsing lives here: the server (gRPC, Envoy protos, translation) is imported when the
// command runs, so `sluice --help` and the other commands do not pay for it.

/** `host:port` with a numeric port (IPv6 as `[::1]:15010`). */
export function parseAddress(flag: string, v: string): string {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d{1,5})$/.exec(v);
  if (!m || Number(m[2]) > 65535) throw new UsageError(`${flag} must be HOST:PORT (e.g. 127.0.0.1:15010), got "${v}"`);
  return v;
}

/** Longest accepted --debounce: a minute (Node timers overflow past 2^31-1 ms; istiod's cap is 10 s). */
export const MAX_DEBOUNCE_MS = 60_000;

/** `--debounce MS`: a number of milliseconds from 0 to MAX_DEBOUNCE_MS. */
export function parseDebounce(v: string): number {
  const ms = v.trim() === '' ? NaN : Number(v);
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_DEBOUNCE_MS) {
    throw new UsageError(`--debounce must be a number of milliseconds from 0 to ${MAX_DEBOUNCE_MS}, got "${v}"`);
  }
  return ms;
}

export const LOG_LEVELS = ['info', 'debug'] as const;
export type ServeLogLevel = (typeof LOG_LEVELS)[number];

export function parseLogLevel(v: string): ServeLogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(v)) throw new UsageError(`invalid value "${v}" for --log-level: choose one of ${LOG_LEVELS.join(', ')}`);
  return v as ServeLogLevel;
}

interface ServeFlags { xdsAddress: string; debugAddress: string; watch: boolean; tlsCert?: string; tlsKey?: string; tlsClientCa?: string; debounce: string; logLevel: string }

/** What `sluice serve` runs with, once every flag has been checked. */
export interface ServeRequest {
  readonly paths: readonly string[];
  readonly xdsAddress: string;
  readonly debugAddress?: string;
  readonly watch: boolean;
  readonly tls?: { readonly cert: string; readonly key: string; readonly clientCa?: string };
  readonly debounceMs: number;
  readonly logLevel: ServeLogLevel;
}

/** Every flag checked before anything starts: a bad flag is exit 64, never a half-started server. */
export function serveRequest(paths: readonly string[], o: ServeFlags): ServeRequest {
  const xdsAddress = parseAddress('--xds-address', o.xdsAddress);
  const debugAddress = o.debugAddress === 'off' ? undefined : parseAddress('--debug-address', o.debugAddress);
  if (!!o.tlsCert !== !!o.tlsKey) throw new UsageError('--tls-cert and --tls-key go together');
  if (o.tlsClientCa && !o.tlsCert) throw new UsageError('--tls-client-ca needs --tls-cert and --tls-key');
  return {
    paths, xdsAddress, ...(debugAddress ? { debugAddress } : {}), watch: o.watch,
    ...(o.tlsCert && o.tlsKey ? { tls: { cert: o.tlsCert, key: o.tlsKey, ...(o.tlsClientCa ? { clientCa: o.tlsClientCa } : {}) } } : {}),
    debounceMs: parseDebounce(o.debounce),
    logLevel: parseLogLevel(o.logLevel),
  };
}

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
    .option('--debounce <ms>', `quiet period before pushing a change, 0-${MAX_DEBOUNCE_MS} (istiod PILOT_DEBOUNCE_AFTER)`, '100')
    .option('--log-level <level>', 'info | debug', 'info')
    .action(async (paths: string[], o: ServeFlags) => {
      const request = serveRequest(paths, o);
      const { runServe } = await import('./serve-run.ts');
      setExit(await runServe(request, io));
    });
}
