// Benchmark: translation. Synthetic meshes generated as YAML, loaded once (not timed), then:
//  translate.model100.ms     — buildMeshModel for 100 services / 100 VS / 100 DR / 1,000 endpoints (pods)
//  translate.proxyView100.ms — the proxy view (Sidecar scope, visible services/VS) of that sidecar
//  translate.sidecar100.ms   — full xDS (LDS/RDS/CDS/EDS) for one sidecar in that mesh, from its proxy view
//                              (istiod likewise computes SidecarScopes at push time, not per xDS request)
//  translate.routes100.ms    — RDS only for that sidecar
//  translate.rds100svc.ms    — RDS "9080" for that sidecar when the 100 services have no VirtualService (istiod ~0.33 ms)
//  translate.rds100vs.ms     — RDS "9080" for that sidecar with the 100 VirtualServices (istiod ~1 ms)
//  translate.gateway1000.ms  — LDS+RDS for an ingress gateway with 1,000 hosts (1,000 VirtualServices), from its view
// Each is the median of several runs after as many warm-up runs; the *.cpu.ms variants are mean CPU time
// (less sensitive to other processes on a shared machine; includes GC threads). istiod reference: ~0.33 ms route generation for 100 services,
// ~1 ms for 100 VirtualServices, ~22 ms for a 1,000-host gateway.
import { loadConfigFromText } from '../../src/config/index.ts';
import { buildMeshModel, proxyView } from '../../src/model/index.ts';
import type { ProxySpec } from '../../src/model/proxy-spec.ts';
import { buildGatewayListenersAndRoutes, buildSidecarListenersAndRoutes, translateView } from '../../src/translate/index.ts';
import { buildSidecarRouteConfig } from '../../src/translate/routes/sidecar-route-config.ts';

const SERVICES = 100, PODS_PER_SERVICE = 10, NAMESPACES = 10, GATEWAY_HOSTS = 1000;

export function mesh100(withRouting = true): string {
  const docs: string[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const ns = `ns-${i % NAMESPACES}`, name = `svc-${i}`;
    docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  clusterIP: 10.0.${i >> 8}.${i & 255}\n  selector: {app: ${name}}\n  ports: [{name: http, port: 9080}, {name: grpc-api, port: 9090}]`);
    for (let p = 0; p < PODS_PER_SERVICE; p++) {
      const ip = `10.${1 + (i >> 8)}.${i & 255}.${p + 1}`;
      docs.push(`apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}-${p}, namespace: ${ns}, labels: {app: ${name}, version: v${(p % 2) + 1}, security.istio.io/tlsMode: istio}}\nstatus: {podIP: ${ip}, conditions: [{type: Ready, status: "True"}]}`);
    }
    if (!withRouting) continue;
    docs.push(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  hosts: [${name}]\n  http:\n  - match: [{headers: {end-user: {exact: jason}}}, {uri: {prefix: /canary}}]\n    route: [{destination: {host: ${name}, subset: v2}}]\n    retries: {attempts: 3, retryOn: "5xx"}\n  - route:\n    - {destination: {host: ${name}, subset: v1}, weight: 90}\n    - {destination: {host: ${name}, subset: v2}, weight: 10}\n    timeout: 5s`);
    docs.push(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  host: ${name}\n  trafficPolicy: {connectionPool: {http: {http1MaxPendingRequests: 100}}}\n  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]`);
  }
  return docs.join('\n---\n');
}

export function gateway1000(): string {
  const docs = [
    `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: istio-system}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["*"]`,
    `apiVersion: v1\nkind: Service\nmetadata: {name: backend, namespace: apps}\nspec:\n  clusterIP: 10.9.0.1\n  ports: [{name: http, port: 8080}]`,
  ];
  for (let i = 0; i < GATEWAY_HOSTS; i++) {
    docs.push(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: host-${i}, namespace: apps}\nspec:\n  hosts: [host-${i}.example.com]\n  gateways: [istio-system/gw]\n  http:\n  - match: [{uri: {prefix: /api}}]\n    route: [{destination: {host: backend, port: {number: 8080}}}]\n  - route: [{destination: {host: backend}}]`);
  }
  return docs.join('\n---\n');
}

/** Mean CPU time (user+system, ms) over `runs` runs after warm-up: robust when the machine is shared. */
function cpuMs(runs: number, fn: () => unknown): number {
  for (let i = 0; i < runs; i++) fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / runs / 1000;
}

/** Median of `runs` timed runs after as many warm-up runs (steady state, like Go's testing.B). */
/** Median of `runs` timed calls, after a warm-up of at least `runs` calls and 300 ms (steady state, as Go's testing.B measures istiod). */
function median(runs: number, fn: () => unknown): number {
  const warmUntil = performance.now() + 300;
  for (let i = 0; i < runs || performance.now() < warmUntil; i++) fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export default {
  name: 'translate',
  run(): Record<string, number> {
    const sidecarSnap = loadConfigFromText([{ path: 'mesh100.yaml', text: mesh100() }]).snapshot;
    const sidecar: ProxySpec = { type: 'sidecar', namespace: 'ns-0', labels: { app: 'svc-0', version: 'v1' }, ips: ['10.1.0.1'] };
    const model = buildMeshModel(sidecarSnap);
    const gwSnap = loadConfigFromText([{ path: 'gateway1000.yaml', text: gateway1000() }]).snapshot;
    const gwModel = buildMeshModel(gwSnap);
    const router: ProxySpec = { type: 'router', namespace: 'istio-system', labels: { istio: 'ingressgateway' }, ips: ['10.8.0.1'] };
    const view = proxyView(model, sidecar), gwView = proxyView(gwModel, router);
    const plainView = proxyView(buildMeshModel(loadConfigFromText([{ path: 'plain100.yaml', text: mesh100(false) }]).snapshot), sidecar);
    return {
      'translate.model100.ms': median(11, () => buildMeshModel(sidecarSnap)),
      'translate.proxyView100.ms': median(21, () => proxyView(model, sidecar)),
      'translate.sidecar100.ms': median(21, () => translateView(view)),
      'translate.routes100.ms': median(21, () => buildSidecarListenersAndRoutes(view)),
      'translate.rds100svc.ms': median(21, () => buildSidecarRouteConfig(plainView, 9080)),
      'translate.rds100vs.ms': median(21, () => buildSidecarRouteConfig(view, 9080)),
      'translate.gateway1000.ms': median(11, () => buildGatewayListenersAndRoutes(gwView)),
      'translate.sidecar100.cpu.ms': cpuMs(21, () => translateView(view)),
      'translate.gateway1000.cpu.ms': cpuMs(11, () => buildGatewayListenersAndRoutes(gwView)),
    };
  },
};
