// xDS server scale: 1,000 simulated ADS clients (in-memory SotW streams on the real server core,
// responses serialized with the real DiscoveryResponse encoder, ACKs sent back on the next tick)
// on one control plane. Measures the time from a config change (including istiod's 100 ms debounce)
// to each client ACKing it, the push rate, and the process RSS with all clients connected.
import { loadConfigFromText } from '../../src/config/index.ts';
import { ControlPlane } from '../../src/xds/control-plane.ts';
import { defaultEdsGenerator, defaultGenerator } from '../../src/xds/generators.ts';
import { discoveryResponseSerializer } from '../../src/xds/grpc.ts';
import { SotwConnection } from '../../src/xds/sotw.ts';
import { XDS_TYPES, type XdsShortType } from '../../src/xds/types.ts';
import type { BenchEntry } from '../bench.ts';

const CLIENTS = 1000, SERVICES = 50;

function mesh(revision: number): string {
  const docs: string[] = [];
  for (let i = 0; i < SERVICES; i++) {
    docs.push(`apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: svc-${i}, namespace: bench }
spec:
  hosts: [svc-${i}.bench.svc.cluster.local]
  location: MESH_INTERNAL
  resolution: STATIC
  ports: [{ number: 7070, name: grpc, protocol: GRPC }]
  endpoints:
  - { address: 10.0.0.${i + 1}, ports: { grpc: ${9000 + revision} }, labels: { version: v1 } }
  - { address: 10.0.1.${i + 1}, ports: { grpc: 8080 }, labels: { version: v2 } }`);
  }
  return docs.join('\n---\n') + '\n';
}

const quantile = (xs: number[], q: number): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

/** Client c dials 5 services (c … c+4 mod 50), as a proxyless gRPC client subscribes: by name. */
const TARGETS = 5;
function namesFor(c: number): Record<XdsShortType, string[]> {
  const svcs = Array.from({ length: TARGETS }, (_, k) => `svc-${(c + k) % SERVICES}.bench.svc.cluster.local`);
  const clusters = svcs.map((h) => `outbound|7070||${h}`);
  return { lds: svcs.map((h) => `${h}:7070`), rds: clusters, cds: clusters, eds: clusters };
}

async function run(): Promise<Record<string, number>> {
  const serialize = discoveryResponseSerializer();
  let responses = 0, bytes = 0;
  let changeAt = 0;
  const acks: number[] = [];
  let waitingFor = 0;
  let onAllAcked: () => void = () => {};
  const cp = new ControlPlane({ generate: defaultGenerator });
  cp.apply(loadConfigFromText([{ path: 'mesh.yaml', text: mesh(0) }]).snapshot);
  const conns: SotwConnection[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    let conn: SotwConnection;
    const names = namesFor(c);
    const sink = {
      write: (msg: any) => {
        responses++;
        bytes += serialize(msg).length;
        setImmediate(() => {
          const type = Object.entries(XDS_TYPES).find(([, u]) => u === msg.type_url)![0] as XdsShortType;
          conn.onRequest({ type_url: msg.type_url, resource_names: names[type], response_nonce: msg.nonce, version_info: msg.version_info } as never);
          if (changeAt) {
            acks.push(performance.now() - changeAt);
            if (--waitingFor === 0) onAllAcked();
          }
        });
        return true;
      },
      onDrain: () => {},
      fail: (_: number, m: string) => { throw new Error(m); },
    };
    conn = new SotwConnection(cp, sink, `bench-${c}`);
    conns.push(conn);
    const node = { id: `sidecar~10.9.${c >> 8}.${c & 255}~client-${c}.bench~bench.svc.cluster.local`, metadata: { fields: { GENERATOR: { stringValue: 'grpc' }, NAMESPACE: { stringValue: 'bench' } } } };
    for (const t of ['lds', 'rds', 'cds', 'eds'] as const) conn.onRequest({ node, type_url: XDS_TYPES[t], resource_names: names[t], response_nonce: '', version_info: '' } as never);
  }
  await new Promise((r) => setTimeout(r, 200));
  const rssMB = process.memoryUsage().rss / 1048576;

  const results: Record<string, number> = {};
  const rounds = 5;
  const p50s: number[] = [], p99s: number[] = [], rates: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    acks.length = 0;
    const before = responses;
    // an endpoint change in every service: one EDS response (and its ACK) per client
    waitingFor = CLIENTS;
    const done = new Promise<void>((r) => { onAllAcked = r; });
    changeAt = performance.now();
    cp.update(loadConfigFromText([{ path: 'mesh.yaml', text: mesh(round) }]).snapshot);
    await done;
    const total = performance.now() - changeAt;
    p50s.push(quantile(acks, 0.5)); p99s.push(quantile(acks, 0.99));
    rates.push(((responses - before) / total) * 1000);
  }
  // Every client re-sent every type (a restart of the control plane's view: all versions change).
  const t0 = performance.now(), before = responses;
  for (const conn of conns) for (const t of ['cds', 'eds', 'lds', 'rds'] as const) conn.send(t, true);
  const fullPushMs = performance.now() - t0;
  results['xds.clients1000.convergeMs.p50'] = Math.round(quantile(p50s, 0.5));
  results['xds.clients1000.convergeMs.p99'] = Math.round(quantile(p99s, 0.5));
  results['xds.clients1000.rssMB'] = Math.round(rssMB);
  results['xds.pushesPerSec'] = Math.round(((responses - before) / fullPushMs) * 1000);
  results['xds.clients1000.edsPushesPerSec'] = Math.round(quantile(rates, 0.5));
  results['xds.clients1000.fullPushMs'] = Math.round(fullPushMs);
  results['xds.responseKB.avg'] = Math.round(bytes / responses / 102.4) / 10;
  cp.close();
  return results;
}

/** A new replica of reviews-v1 at a per-revision IP: only endpoints change (an EDS-only push in istiod). */
const replica = (rev: number) => ({ path: 'replica.yaml', text: `apiVersion: v1
kind: Pod
metadata:
  name: reviews-v1-bench-replica
  namespace: shop
  labels: { app: reviews, version: v1, security.istio.io/tlsMode: istio }
  annotations: { sidecar.istio.io/status: '{}' }
spec:
  serviceAccountName: shop-reviews
  containers: [{ name: reviews, ports: [{ containerPort: 9080, protocol: TCP }] }]
status:
  phase: Running
  podIP: 10.3.0.${rev + 1}
  podIPs: [{ ip: 10.3.0.${rev + 1} }]
  conditions: [{ type: Ready, status: "True" }]
` });

/**
 * 1,000 Envoy sidecars (examples/shop, 10 workload kinds × 100 replicas with their own IPs; Istio
 * translates per proxy, so each is translated) subscribed to CDS and EDS (wildcard). Two kinds of
 * change, timed from the change to every sidecar having ACKed: a new ServiceEntry (changes every
 * sidecar's clusters: a full push) and a moved reviews-v1 replica (endpoints only: EDS-only push when
 * the control plane has the EDS generator, `eds: false` measures the full path on the same change).
 */
export async function runSidecars(opts: { eds: boolean }): Promise<Record<string, number>> {
  const { readFileSync, readdirSync } = await import('node:fs');
  const dir = 'examples/shop';
  const base = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ path: `${dir}/${f}`, text: readFileSync(`${dir}/${f}`, 'utf8') }));
  const extra = (rev: number) => ({ path: 'extra.yaml', text: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: extra-${rev}, namespace: shop }
spec:
  hosts: [extra-${rev}.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{ number: 443, name: tls, protocol: TLS }]
` });
  const apps = [['productpage', 'v1'], ['reviews', 'v1'], ['reviews', 'v2'], ['reviews', 'v3'], ['ratings', 'v1'], ['details', 'v1'], ['cart', 'v1'], ['catalog', 'v1'], ['checkout', 'v1'], ['frontend', 'v1']];
  const cp = new ControlPlane({ generate: defaultGenerator, ...(opts.eds ? { eds: defaultEdsGenerator } : {}) });
  cp.apply(loadConfigFromText([...base, extra(0), replica(0)]).snapshot);
  let changeAt = 0, waiting = 0;
  let watchType = '';
  const acks: number[] = [];
  let done: () => void = () => {};
  const tSetup = performance.now();
  for (let c = 0; c < CLIENTS; c++) {
    const [app, version] = apps[c % apps.length];
    let conn: SotwConnection;
    let edsNames: string[] = [];
    const sink = {
      write: (msg: any) => {
        setImmediate(() => {
          conn.onRequest({ type_url: msg.type_url, resource_names: msg.type_url === XDS_TYPES.eds ? edsNames : [], response_nonce: msg.nonce, version_info: msg.version_info } as never);
          if (changeAt && msg.type_url === watchType) { acks.push(performance.now() - changeAt); if (--waiting === 0) done(); }
        });
        return true;
      },
      onDrain: () => {}, fail: (_: number, m: string) => { throw new Error(m); },
    };
    conn = new SotwConnection(cp, sink, `sidecar-${c}`);
    const ip = `10.2.${c >> 8}.${c & 255}`;
    const node = { id: `sidecar~${ip}~${app}-${version}-${c}.shop~shop.svc.cluster.local`, metadata: { fields: { NAMESPACE: { stringValue: 'shop' }, LABELS: { structValue: { fields: { app: { stringValue: app }, version: { stringValue: version } } } } } } };
    conn.onRequest({ node, type_url: XDS_TYPES.cds, resource_names: [], response_nonce: '', version_info: '' } as never);
    // As Envoy does after CDS: subscribe to EDS by the names of its EDS clusters.
    edsNames = [...cp.cache.resources(conn.node!).eds.keys()];
    conn.onRequest({ type_url: XDS_TYPES.eds, resource_names: edsNames, response_nonce: '', version_info: '' } as never);
  }
  const setupMs = performance.now() - tSetup;
  await new Promise((r) => setTimeout(r, 100));
  (globalThis as { gc?: () => void }).gc?.();
  const heapMB = process.memoryUsage().heapUsed / 1048576;
  const measure = async (type: XdsShortType, texts: (round: number) => { path: string; text: string }[]): Promise<[number, number]> => {
    const p50s: number[] = [], p99s: number[] = [];
    watchType = XDS_TYPES[type];
    for (let round = 1; round <= 3; round++) {
      acks.length = 0;
      waiting = CLIENTS;
      let timer: NodeJS.Timeout | undefined;
      const all = new Promise<void>((r, reject) => {
        done = r;
        timer = setTimeout(() => reject(new Error(`${type} round ${round}: ${waiting} of ${CLIENTS} sidecars never ACKed a push`)), 60_000);
      });
      changeAt = performance.now();
      cp.update(loadConfigFromText(texts(round)).snapshot);
      await all.finally(() => clearTimeout(timer));
      changeAt = 0;
      await new Promise((r) => setTimeout(r, 20));
      p50s.push(quantile(acks, 0.5)); p99s.push(quantile(acks, 0.99));
    }
    return [Math.round(quantile(p50s, 0.5)), Math.round(quantile(p99s, 0.5))];
  };
  const [p50, p99] = await measure('cds', (r) => [...base, extra(r), replica(0)]);
  const [edsP50, edsP99] = await measure('eds', (r) => [...base, extra(3), replica(r)]);
  cp.close();
  const pre = opts.eds ? 'xds.sidecars1000' : 'xds.sidecars1000.noEdsPath';
  return {
    ...(opts.eds ? { [`${pre}.convergeMs.p50`]: p50, [`${pre}.convergeMs.p99`]: p99 } : {}),
    [`${pre}.edsConvergeMs.p50`]: edsP50,
    [`${pre}.edsConvergeMs.p99`]: edsP99,
    ...(opts.eds ? { [`${pre}.connectMs`]: Math.round(setupMs), [`${pre}.heapMB`]: Math.round(heapMB) } : {}),
  };
}

const entry: BenchEntry = { name: 'xds', run: async () => ({ ...(await run()), ...(await runSidecars({ eds: true })), ...(await runSidecars({ eds: false })) }) };
export default entry;
