import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/index.ts';
import type { ConfigSnapshot } from '../config/snapshot.ts';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostic.ts';
import type { Generator } from './cache.ts';
import { ControlPlane, type LogFn } from './control-plane.ts';
import { startDebugServer, type DebugServer } from './debug-http.ts';
import { defaultEdsGenerator, defaultGenerator } from './generators.ts';
import { startXdsGrpc, type TlsFiles, type XdsGrpcServer } from './grpc.ts';
import { createXdsMetrics } from './metrics.ts';
import { canonicalJson, contentHash } from './snapshot.ts';

/**
 * `sluice serve` wiring (the impure shell): load config, start the gRPC xDS server and the debug
 * HTTP server, and with `watch` re-load on file changes. A change that brings config errors is not
 * applied: the last good config keeps being served and the diagnostics are logged and shown in
 * /debug/syncz.
 */
export interface ServeOptions {
  readonly paths: readonly string[];
  readonly xdsAddress: string;
  readonly debugAddress?: string;
  readonly watch?: boolean;
  readonly tls?: { readonly cert: string; readonly key: string; readonly clientCa?: string };
  readonly log: LogFn;
  readonly generate?: Generator;
  readonly debounceMs?: number;
}

export interface RunningServer {
  readonly cp: ControlPlane;
  readonly xds: XdsGrpcServer;
  readonly debug?: DebugServer;
  /** Re-read the files now (what --watch does on a change); true when the new config was applied. */
  reload(): boolean;
  close(): Promise<void>;
}

export class ConfigLoadError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) { super(`config has ${diagnostics.length} error(s)`); }
}

function load(paths: readonly string[]): { snapshot: ConfigSnapshot; errors: Diagnostic[]; warnings: Diagnostic[]; files: readonly string[] } {
  const { snapshot, diagnostics, files } = loadConfig(paths);
  return { snapshot, errors: diagnostics.filter((d) => d.severity === 'Error'), warnings: diagnostics.filter((d) => d.severity !== 'Error'), files };
}

function readTls(t: ServeOptions['tls']): TlsFiles | undefined {
  if (!t) return undefined;
  return { cert: readFileSync(t.cert), key: readFileSync(t.key), ...(t.clientCa ? { clientCa: readFileSync(t.clientCa) } : {}) };
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const first = load(o.paths);
  if (first.errors.length) throw new ConfigLoadError(first.errors);
  for (const w of first.warnings) o.log('warn', formatDiagnostic(w));
  const metrics = createXdsMetrics();
  const cp = new ControlPlane({ generate: o.generate ?? defaultGenerator, ...(o.generate ? {} : { eds: defaultEdsGenerator }), events: metrics.events, log: o.log, debounceMs: o.debounceMs });
  cp.apply(first.snapshot);
  let files = first.files;
  let configErrors: string[] = [];
  o.log('info', 'config loaded', { files: files.length, objects: first.snapshot.objects.length });
  const xds = await startXdsGrpc(cp, o.xdsAddress, readTls(o.tls));
  o.log('info', `xDS (ADS, SotW and delta) listening on ${xds.address}${o.tls ? ' (TLS' + (o.tls.clientCa ? ', client certificates required)' : ')') : ''}`, { address: xds.address });
  let debug: DebugServer | undefined;
  try {
    if (o.debugAddress) {
      debug = await startDebugServer({ cp, registry: metrics.registry, status: () => ({ ready: true, configErrors, files }) }, o.debugAddress);
      o.log('info', `debug HTTP listening on ${debug.address} (/debug/syncz, /debug/config_dump?proxyID=, /ready, /metrics)`, { address: debug.address });
    }
  } catch (e) {
    await xds.close();
    throw e;
  }

  let lastInput = inputFingerprint(first.snapshot) + '|0|';
  let lastRejected = '';
  const reload = (): boolean => {
    let next;
    try { next = load(o.paths); } catch (e) { o.log('error', `config reload failed: ${(e as Error).message}; still serving the last good config`); return false; }
    const input = inputFingerprint(next.snapshot) + `|${next.errors.length}|` + next.errors.map((d) => d.message).join(';');
    if (input === lastInput || input === lastRejected) return next.errors.length === 0; // nothing changed since the last reload
    if (next.errors.length) {
      configErrors = next.errors.map(formatDiagnostic);
      for (const d of configErrors) o.log('error', d);
      o.log('error', `config change rejected (${next.errors.length} error(s)); still serving the last good config`);
      lastRejected = input;
      return false;
    }
    lastInput = input;
    lastRejected = '';
    configErrors = [];
    files = next.files;
    o.log('info', 'config changed; pushing', { objects: next.snapshot.objects.length });
    cp.update(next.snapshot);
    return true;
  };

  let watcher: { close(): Promise<void> } | undefined;
  if (o.watch) {
    const { watch } = await import('chokidar');
    const w = watch([...o.paths], { ignoreInitial: true });
    let timer: NodeJS.Timeout | undefined, recheck: NodeJS.Timeout | undefined;
    // File watchers throttle and coalesce events: re-read shortly after an event, and once more a
    // little later so a write right after another is never missed (unchanged input is a no-op).
    w.on('all', () => {
      if (timer) clearTimeout(timer);
      if (recheck) clearTimeout(recheck);
      timer = setTimeout(reload, 20);
      recheck = setTimeout(reload, 400);
    });
    await new Promise<void>((resolve) => w.once('ready', () => resolve()));
    watcher = { close: async () => { if (timer) clearTimeout(timer); if (recheck) clearTimeout(recheck); await w.close(); } };
    o.log('info', 'watching config files for changes', { paths: o.paths });
  }

  return {
    cp, xds, debug, reload,
    close: async () => { await watcher?.close(); await debug?.close(); await xds.close(); cp.close(); },
  };
}

/** What the loaded objects say (source positions excluded): equal fingerprints = nothing to push. */
function inputFingerprint(snapshot: ConfigSnapshot): string {
  return contentHash(snapshot.objects.map((x) => canonicalJson(x.object)).join('\n'));
}

/** Structured log lines (JSON) for stderr. */
export function jsonLogger(write: (line: string) => void, now: () => Date, minLevel: 'debug' | 'info' = 'info'): LogFn {
  return (level, msg, fields) => {
    if (level === 'debug' && minLevel !== 'debug') return;
    write(JSON.stringify({ time: now().toISOString(), level, msg, ...fields }) + '\n');
  };
}
