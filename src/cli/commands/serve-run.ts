import { formatDiagnostic } from '../../core/diagnostic.ts';
import { routeGrpcJsLogs } from '../../xds/grpc.ts';
import { ConfigLoadError, jsonLogger, startServer, type RunningServer } from '../../xds/server.ts';
import type { CliIO } from '../io.ts';
import { UserError } from '../io.ts';
import type { ServeRequest } from './serve.ts';
import { validateExitCode } from './validate.ts';

/** Start the server for `r`, serve until SIGINT/SIGTERM, stop; returns the exit code (0). */
export async function runServe(r: ServeRequest, io: CliIO): Promise<number> {
  const log = jsonLogger((l) => io.err(l), () => io.now(), r.logLevel);
  // grpc-js prints its own lines ("E No address added …") on stderr; they go to the JSON log at
  // debug level instead, and the errors that matter are reported by Sluice below.
  routeGrpcJsLogs(log);
  let server: RunningServer;
  try {
    server = await startServer({
      paths: r.paths, xdsAddress: r.xdsAddress, debugAddress: r.debugAddress, watch: r.watch, log, debounceMs: r.debounceMs,
      ...(r.tls ? { tls: r.tls } : {}),
    });
  } catch (e) {
    throw startupError(e, r, io);
  }
  await waitForSignal();
  io.err(JSON.stringify({ time: io.now().toISOString(), level: 'info', msg: 'shutting down' }) + '\n');
  await server.close();
  return 0;
}

/** A start-up failure as the user's error it is (exit 79/65 for config, 1 for files and ports). */
function startupError(e: unknown, r: ServeRequest, io: CliIO): unknown {
  if (e instanceof ConfigLoadError) {
    for (const d of e.diagnostics) io.err(formatDiagnostic(d) + '\n');
    return new UserError(`not serving: the config has ${e.diagnostics.length} error(s) (fix them; \`sluice validate\` shows the same list)`, validateExitCode(e.diagnostics));
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return new UserError(`cannot read ${err.path ?? 'a TLS file'}: no such file`);
  return listenError(err, r) ?? e;
}

const LISTEN_FAILURES: Record<string, string> = {
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'the address is not available on this host',
  EACCES: 'permission denied',
};

/** grpc-js reports a failed bind as "No address added …"; Node's HTTP server as EADDRINUSE etc. */
function listenError(err: NodeJS.ErrnoException | undefined, r: ServeRequest): UserError | undefined {
  const msg = String(err?.message ?? '');
  const grpcBind = /No address added/.test(msg);
  if (!grpcBind && !(err?.code && err.code in LISTEN_FAILURES)) return undefined;
  const which = grpcBind ? `xDS address ${r.xdsAddress} (--xds-address)` : `debug address ${r.debugAddress} (--debug-address)`;
  const code = Object.keys(LISTEN_FAILURES).find((c) => err?.code === c || msg.includes(c));
  return new UserError(`cannot listen on the ${which}: ${code ? LISTEN_FAILURES[code] : msg}`);
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { process.off('SIGINT', done); process.off('SIGTERM', done); resolve(); };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
