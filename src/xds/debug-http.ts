import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { ControlPlane } from './control-plane.ts';
import type { Registry } from 'prom-client';

/**
 * istiod-style debug HTTP: /debug/syncz (per proxy and type: SYNCED / STALE / NACKED / NOT SENT and
 * the NACK error), /debug/config_dump?proxyID=… (an Envoy config dump of what that proxy is served),
 * /debug/connections, /ready (200 once config is loaded), /metrics (Prometheus text).
 */
export interface DebugServerOptions {
  readonly cp: ControlPlane;
  readonly registry: Registry;
  /** Extra state for /debug/syncz and /ready (config load status, last diagnostics). */
  readonly status: () => { ready: boolean; configErrors: readonly string[]; files: readonly string[] };
}

export interface DebugServer { readonly port: number; readonly address: string; close(): Promise<void> }

function send(res: ServerResponse, code: number, body: unknown, type = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2) + '\n';
  res.writeHead(code, { 'content-type': type });
  res.end(text);
}

async function handle(o: DebugServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  switch (url.pathname) {
    case '/ready': {
      const s = o.status();
      return s.ready ? send(res, 200, 'ready\n', 'text/plain') : send(res, 503, 'config not loaded\n', 'text/plain');
    }
    case '/metrics':
      return send(res, 200, await o.registry.metrics(), o.registry.contentType);
    case '/debug/syncz':
      return send(res, 200, { controlPlane: `sluice-${hostname()}`, generation: o.cp.generation, config: o.status(), proxies: o.cp.syncz() });
    case '/debug/connections':
      return send(res, 200, [...o.cp.connections].map((c) => ({ id: c.id, stream: c.kind, peer: c.peer, proxy: c.node?.id })));
    case '/debug/config_dump': {
      const id = url.searchParams.get('proxyID');
      if (!id) return send(res, 400, { error: 'proxyID query parameter required, e.g. /debug/config_dump?proxyID=sidecar~10.0.0.1~app.ns~ns.svc.cluster.local' });
      const dump = o.cp.configDump(id);
      return dump ? send(res, 200, dump) : send(res, 404, { error: `proxy "${id}" is not connected; see /debug/syncz` });
    }
    default:
      return send(res, 404, { error: 'not found', endpoints: ['/ready', '/metrics', '/debug/syncz', '/debug/connections', '/debug/config_dump?proxyID=…'] });
  }
}

export async function startDebugServer(o: DebugServerOptions, address: string): Promise<DebugServer> {
  const server = createServer((req, res) => { handle(o, req, res).catch((e) => send(res, 500, { error: String(e?.message ?? e) })); });
  const i = address.lastIndexOf(':');
  const host = address.slice(0, i).replace(/^\[|\]$/g, ''), port = Number(address.slice(i + 1));
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, host, () => resolve()); });
  const actual = (server.address() as { port: number }).port;
  return {
    port: actual,
    address: `${address.slice(0, i)}:${actual}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
