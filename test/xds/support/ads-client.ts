// protobufjs' built-in struct.proto names Value's fields in lowerCamel (stringValue), whatever keepCase says.
// A raw ADS client (plain @grpc/grpc-js + proto-loader) for protocol tests: sends exactly the
// DiscoveryRequests a test wants and records every response.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { PROTO_INCLUDE_DIRS } from '../../../src/xds/proto-root.ts';
import { decodeResource } from '../../../src/xds/encode.ts';

let adsCtor: grpc.ServiceClientConstructor | undefined;
function ads(): grpc.ServiceClientConstructor {
  if (adsCtor) return adsCtor;
  const def = protoLoader.loadSync(['envoy/service/discovery/v3/ads.proto'], { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: PROTO_INCLUDE_DIRS });
  adsCtor = (grpc.loadPackageDefinition(def) as any).envoy.service.discovery.v3.AggregatedDiscoveryService;
  return adsCtor!;
}

export interface RawStream<Req, Res> {
  readonly responses: Res[];
  send(req: Req): void;
  /** Resolves with the next response not yet consumed (in order). */
  next(timeoutMs?: number): Promise<Res>;
  /** No response within `ms`. */
  quiet(ms: number): Promise<boolean>;
  close(): void;
  readonly client: grpc.Client;
}

function stream<Req, Res>(client: grpc.Client, method: string, opts: { pause?: boolean } = {}): RawStream<Req, Res> {
  const call = (client as any)[method]() as grpc.ClientDuplexStream<Req, Res>;
  const responses: Res[] = [];
  let consumed = 0;
  const waiters: (() => void)[] = [];
  call.on('data', (r: Res) => { responses.push(r); for (const w of waiters.splice(0)) w(); });
  call.on('error', () => {});
  if (opts.pause) call.pause();
  return {
    responses, client,
    send: (req) => { call.write(req); },
    next: (timeoutMs = 10_000) => new Promise((resolve, reject) => {
      const check = () => { if (responses.length > consumed) { resolve(responses[consumed++]); return true; } return false; };
      if (check()) return;
      const t = setTimeout(() => reject(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
      t.unref(); // a reader still waiting when its stream closes must not keep the process alive
      const w = () => { if (check()) clearTimeout(t); else waiters.push(w); };
      waiters.push(w);
    }),
    quiet: async (ms) => { const n = responses.length; await new Promise((r) => setTimeout(r, ms)); return responses.length === n; },
    close: () => { call.cancel(); client.close(); },
  };
}

export function adsClient(address: string, creds = grpc.credentials.createInsecure(), options: grpc.ChannelOptions = {}): grpc.Client {
  const Ctor = ads();
  return new Ctor(address, creds, options);
}

export function sotwStream(address: string, opts: { pause?: boolean; client?: grpc.Client; creds?: grpc.ChannelCredentials } = {}): RawStream<any, any> {
  return stream(opts.client ?? adsClient(address, opts.creds), 'StreamAggregatedResources', opts);
}

export function deltaStream(address: string): RawStream<any, any> {
  return stream(adsClient(address), 'DeltaAggregatedResources');
}

export const node = (id: string, metadata: Record<string, string> = {}) => ({
  id, cluster: 'test',
  metadata: { fields: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, { stringValue: v }])) },
});

export const decodeAll = (resp: { resources: { type_url: string; value: Buffer }[] }) => resp.resources.map((r) => decodeResource(r.type_url, r.value) as any);

/**
 * A truly slow reader: a raw HTTP/2 gRPC stream (node:http2) that sends one DiscoveryRequest and then
 * never reads, so HTTP/2 flow control stops the server's writes. (A grpc-js client keeps reading
 * into its own buffer even when paused, so it cannot play this part.)
 */
export async function stalledSotwStream(address: string, request: object): Promise<{ close(): void }> {
  const http2 = await import('node:http2');
  const serialize = (ads().service as any).StreamAggregatedResources.requestSerialize as (m: object) => Buffer;
  const session = http2.connect(`http://${address}`, { settings: { initialWindowSize: 65535 } });
  session.on('error', () => {});
  const stream = session.request({ ':method': 'POST', ':path': '/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources', 'content-type': 'application/grpc', te: 'trailers' });
  stream.on('error', () => {});
  const body = serialize(request);
  const frame = Buffer.alloc(5 + body.length);
  frame.writeUInt8(0, 0); frame.writeUInt32BE(body.length, 1); body.copy(frame, 5);
  stream.write(frame);
  stream.pause();
  return { close: () => { stream.close(http2.constants.NGHTTP2_CANCEL); session.destroy(); } };
}
