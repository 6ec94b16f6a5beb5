// Plain gRPC echo backends on 127.0.0.1 and xDS clients (real @grpc/grpc-js-xds) for the e2e tests.
// The echo service uses raw bytes (no proto): the response is the backend's name.
import * as grpc from '@grpc/grpc-js';
import * as grpcXds from '@grpc/grpc-js-xds';

const ident = (b: Buffer): Buffer => b;
const METHOD = { path: '/echo.Echo/Echo', requestStream: false, responseStream: false, requestSerialize: ident, requestDeserialize: ident, responseSerialize: ident, responseDeserialize: ident } as const;
export const ECHO_SERVICE: grpc.ServiceDefinition = { Echo: METHOD as unknown as grpc.MethodDefinition<Buffer, Buffer> };

export interface Backend { readonly name: string; readonly port: number; attempts: Map<string, number>; close(): void }

/**
 * Request metadata drives behaviour: `x-fail-times: N` with `x-call-id: ID` fails the first N attempts
 * of that call id with `x-fail-code` (default UNAVAILABLE); `x-sleep-ms` sleeps first; `x-always-fail`
 * naming this backend always fails.
 */
export async function startBackend(name: string, creds: grpc.ServerCredentials = grpc.ServerCredentials.createInsecure()): Promise<Backend> {
  const attempts = new Map<string, number>();
  const server = new grpc.Server();
  server.addService(ECHO_SERVICE, {
    Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
      const md = (k: string) => call.metadata.get(k)[0]?.toString();
      const id = md('x-call-id') ?? '';
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      const finish = () => {
        if (md('x-always-fail') === name) return cb({ code: grpc.status.UNAVAILABLE, details: `${name} always fails` });
        if (n <= Number(md('x-fail-times') ?? 0)) return cb({ code: Number(md('x-fail-code') ?? grpc.status.UNAVAILABLE), details: `${name} fails attempt ${n}` });
        cb(null, Buffer.from(name));
      };
      const sleep = Number(md('x-sleep-ms') ?? 0);
      if (sleep > 0) setTimeout(finish, sleep); else finish();
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', creds, (e, p) => (e ? reject(e) : resolve(p))));
  return { name, port, attempts, close: () => server.forceShutdown() };
}

let registered = false;

export function xdsBootstrap(serverUri: string, nodeId: string, metadata: Record<string, unknown> = { GENERATOR: 'grpc' }): object {
  return {
    xds_servers: [{ server_uri: serverUri, channel_creds: [{ type: 'insecure' }], server_features: ['xds_v3'] }],
    node: { id: nodeId, cluster: 'test', locality: {}, metadata },
  };
}

export interface EchoClient {
  call(md?: Record<string, string>, deadlineMs?: number): Promise<{ ok: true; backend: string; ms: number } | { ok: false; code: number; details: string; ms: number }>;
  close(): void;
}

/** A real xDS client: `xds:///target` with its own bootstrap (the library's per-channel test option). */
export function xdsEchoClient(target: string, bootstrap: object, opts: { xdsCredentials?: boolean } = {}): EchoClient {
  if (!registered) { grpcXds.register(); registered = true; }
  const Client = grpc.makeGenericClientConstructor(ECHO_SERVICE, 'Echo');
  const creds = opts.xdsCredentials ? new grpcXds.XdsChannelCredentials(grpc.credentials.createInsecure()) : grpc.credentials.createInsecure();
  const client = new Client(`xds:///${target}`, creds, { 'grpc.TEST_ONLY_DO_NOT_USE_IN_PROD.xds_bootstrap_config': JSON.stringify(bootstrap) } as grpc.ChannelOptions);
  return {
    call: (md = {}, deadlineMs = 3000) => new Promise((resolve) => {
      const t0 = performance.now();
      const m = new grpc.Metadata();
      for (const [k, v] of Object.entries(md)) m.set(k, v);
      (client as any).Echo(Buffer.from('hi'), m, { deadline: Date.now() + deadlineMs }, (err: grpc.ServiceError | null, res?: Buffer) => {
        const ms = performance.now() - t0;
        resolve(err ? { ok: false, code: err.code, details: err.details, ms } : { ok: true, backend: res!.toString(), ms });
      });
    }),
    close: () => client.close(),
  };
}

/**
 * grpc-js-xds 1.14 leaves its priority-LB failover timers (10 s, not unref'd) running after a
 * channel closes when a cluster dropped out of the config while connecting; that would keep the test
 * process alive 10 s after the last test. Tests call this after closing their channels.
 */
import { createHook } from 'node:async_hooks';
const libraryTimers = new Set<{ unref(): void }>();
createHook({
  init(_id, type, _trigger, resource) {
    if (type !== 'Timeout') return;
    const stack = new Error().stack ?? '';
    if (stack.includes('load-balancer-priority') || stack.includes('backoff-timeout')) libraryTimers.add(resource as { unref(): void });
  },
}).enable();

export function releaseLibraryTimers(): void {
  for (const t of libraryTimers) t.unref();
  libraryTimers.clear();
}
