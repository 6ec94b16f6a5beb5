import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { format } from 'node:util';
import type { ControlPlane, LogFn } from './control-plane.ts';
import { DeltaConnection } from './delta.ts';
import { PROTO_INCLUDE_DIRS } from './proto-root.ts';
import { SotwConnection } from './sotw.ts';
import type { ResponseSink } from './stream-connection.ts';
import type { DeltaDiscoveryRequest, DiscoveryRequest, XdsShortType } from './types.ts';

/**
 * The gRPC edge: ADS (StreamAggregatedResources = SotW, DeltaAggregatedResources = delta) and the
 * per-type services (LDS/RDS/CDS/EDS, each SotW and delta), served over one grpc-js server.
 * Service definitions come from the Envoy protos in @grpc/grpc-js-xds/deps via proto-loader.
 */
const SERVICE_PROTOS = [
  'envoy/service/discovery/v3/ads.proto',
  'envoy/service/listener/v3/lds.proto', 'envoy/service/route/v3/rds.proto',
  'envoy/service/cluster/v3/cds.proto', 'envoy/service/endpoint/v3/eds.proto',
];

/**
 * Send grpc-js's own log lines (process-wide; by default printed raw on stderr, e.g.
 * "E No address added out of total 1 resolved") to `log` at debug level, as JSON like every other
 * line. Failures that matter reach the user through Sluice's own errors (a port in use is exit 1
 * with "cannot listen"). GRPC_VERBOSITY / GRPC_NODE_VERBOSITY still choose what grpc-js emits.
 */
export function routeGrpcJsLogs(log: LogFn): void {
  const line = (severity: string) => (message?: unknown, ...rest: unknown[]) =>
    log('debug', `grpc-js: ${format(message, ...rest)}`, { component: 'grpc-js', severity });
  grpc.setLogger({ error: line('error'), info: line('info'), debug: line('debug') });
}

let services: Record<string, grpc.ServiceDefinition> | undefined;

function loadServices(): Record<string, grpc.ServiceDefinition> {
  if (services) return services;
  const def = protoLoader.loadSync(SERVICE_PROTOS, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: PROTO_INCLUDE_DIRS });
  const svc = (name: string) => (def[name] as grpc.ServiceDefinition);
  services = {
    ads: svc('envoy.service.discovery.v3.AggregatedDiscoveryService'),
    lds: svc('envoy.service.listener.v3.ListenerDiscoveryService'),
    rds: svc('envoy.service.route.v3.RouteDiscoveryService'),
    cds: svc('envoy.service.cluster.v3.ClusterDiscoveryService'),
    eds: svc('envoy.service.endpoint.v3.EndpointDiscoveryService'),
  };
  return services;
}

/** The wire serializer of DiscoveryResponse (benchmarks use it to count real encoding work). */
export function discoveryResponseSerializer(): (msg: unknown) => Buffer {
  const m = loadServices().ads.StreamAggregatedResources;
  return m.responseSerialize as (msg: unknown) => Buffer;
}

type Duplex<Req, Res> = grpc.ServerDuplexStream<Req, Res>;

/**
 * Flow control per stream: a response counts as pending until grpc-js has handed it to HTTP/2.
 * With MAX_PENDING responses pending the sink reports "full", and the stream coalesces further
 * pushes until the client reads again (SotW responses are full state: only the latest matters).
 */
const MAX_PENDING = 2;

function sinkFor<Res>(call: Duplex<unknown, Res>): ResponseSink<Res> {
  let pending = 0;
  let drained: (() => void)[] = [];
  return {
    write: (msg) => {
      pending++;
      const ok = call.write(msg, () => {
        pending--;
        if (pending === 0 && drained.length) { const cbs = drained; drained = []; for (const cb of cbs) cb(); }
      });
      return ok && pending < MAX_PENDING;
    },
    onDrain: (cb) => { if (pending === 0) queueMicrotask(cb); else drained.push(cb); },
    fail: (code, message) => { call.emit('error', { code, details: message }); },
  };
}

type Open = Set<{ close(): void }>;

function serveSotw(cp: ControlPlane, open: Open, onlyType?: XdsShortType) {
  return (call: Duplex<DiscoveryRequest, unknown>) => {
    const conn = new SotwConnection(cp, sinkFor(call as Duplex<unknown, never>), call.getPeer(), onlyType);
    wire(call, conn, open, (m) => conn.onRequest(m));
  };
}

function serveDelta(cp: ControlPlane, open: Open, onlyType?: XdsShortType) {
  return (call: Duplex<DeltaDiscoveryRequest, unknown>) => {
    const conn = new DeltaConnection(cp, sinkFor(call as Duplex<unknown, never>), call.getPeer(), onlyType);
    wire(call, conn, open, (m) => conn.onRequest(m));
  };
}

function wire<Req>(call: Duplex<Req, unknown>, conn: { close(): void }, open: Open, onRequest: (m: Req) => void): void {
  open.add(conn);
  const close = () => { open.delete(conn); conn.close(); };
  call.on('data', (m: Req) => {
    try { onRequest(m); } catch (e) { call.emit('error', { code: grpc.status.INTERNAL, details: `sluice: ${(e as Error).message}` }); close(); }
  });
  call.on('end', () => { close(); call.end(); });
  call.on('error', close);
  call.on('cancelled', close);
  call.on('close', close);
}

export interface TlsFiles { readonly cert: Buffer; readonly key: Buffer; readonly clientCa?: Buffer }

export interface XdsGrpcServer { readonly port: number; readonly address: string; close(): Promise<void> }

/** Start serving `cp` on `address` (host:port; port 0 picks a free one). */
export async function startXdsGrpc(cp: ControlPlane, address: string, tls?: TlsFiles): Promise<XdsGrpcServer> {
  const s = loadServices();
  const open: Open = new Set();
  const server = new grpc.Server({ 'grpc.max_send_message_length': 64 * 1024 * 1024, 'grpc.keepalive_permit_without_calls': 1 });
  server.addService(s.ads, { StreamAggregatedResources: serveSotw(cp, open), DeltaAggregatedResources: serveDelta(cp, open) });
  const perType: Record<Exclude<XdsShortType, never>, [string, string]> = {
    lds: ['StreamListeners', 'DeltaListeners'], rds: ['StreamRoutes', 'DeltaRoutes'],
    cds: ['StreamClusters', 'DeltaClusters'], eds: ['StreamEndpoints', 'DeltaEndpoints'],
  };
  const unimplemented = (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb({ code: grpc.status.UNIMPLEMENTED, details: 'REST-style Fetch is not served; use a stream' });
  for (const [t, [sotw, delta]] of Object.entries(perType) as [XdsShortType, [string, string]][]) {
    const impl: grpc.UntypedServiceImplementation = { [sotw]: serveSotw(cp, open, t), [delta]: serveDelta(cp, open, t) };
    for (const m of Object.keys(s[t])) if (!(m in impl)) impl[m] = unimplemented;
    server.addService(s[t], impl);
  }
  const creds = tls
    ? grpc.ServerCredentials.createSsl(tls.clientCa ?? null, [{ private_key: tls.key, cert_chain: tls.cert }], !!tls.clientCa)
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) => server.bindAsync(address, creds, (err, p) => (err ? reject(err) : resolve(p))));
  const host = address.slice(0, address.lastIndexOf(':'));
  return {
    port,
    address: `${host}:${port}`,
    // xDS streams never end by themselves: close this server's streams, then stop at once.
    close: async () => { for (const c of [...open]) c.close(); open.clear(); server.forceShutdown(); },
  };
}
