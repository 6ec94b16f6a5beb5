// Benchmark: Gateway API mesh routes (src/config/gateway-api) and the sidecar routes they feed.
// 1,000 HTTPRoutes in 20 namespaces over 500 Services (25 per namespace, two routes each): every route has 3 rules (a header
// match, a weighted prefix match, a catch-all); 3 of 4 are producer routes, every 4th a consumer route from the
// next namespace, every 10th binds a port. Reports gatewayApi.convert1000.ms (convertMeshRoutes),
// gatewayApi.sidecar1000.ms (translateProxy for a sidecar, model included) and sizes.
import { loadConfigFromText } from '../../src/config/index.ts';
import { convertMeshRoutes } from '../../src/config/gateway-api/index.ts';
import { parseProxySpec } from '../../src/model/proxy-spec.ts';
import { translateProxy } from '../../src/translate/index.ts';

const ROUTES = 1000;
const NAMESPACES = 20;
const SERVICES_PER_NS = 25;

function yaml(): string {
  const docs: string[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    for (let s = 0; s < SERVICES_PER_NS; s++) {
      docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: svc-${s}, namespace: ns-${n}}\nspec: {clusterIP: 10.${n}.0.${s + 1}, ports: [{name: http, port: 8080}, {name: http-admin, port: 9090}]}`);
    }
  }
  for (let i = 0; i < ROUTES; i++) {
    const svcNs = `ns-${i % NAMESPACES}`;
    const svc = `svc-${Math.floor(i / NAMESPACES) % SERVICES_PER_NS}`;
    const routeNs = i % 4 === 3 ? `ns-${(i + 1) % NAMESPACES}` : svcNs;
    const port = i % 10 === 0 ? ', port: 8080' : '';
    docs.push(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: route-${i}, namespace: ${routeNs}, creationTimestamp: "2020-01-01T00:${String(i % 60).padStart(2, '0')}:00Z"}
spec:
  parentRefs: [{group: "", kind: Service, name: ${svc}, namespace: ${svcNs}${port}}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /v2}, headers: [{name: x-canary, value: "1"}]}]
    backendRefs: [{name: ${svc}, namespace: ${svcNs}, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /api/${i}}}]
    timeouts: {request: 5s}
    backendRefs: [{name: ${svc}, namespace: ${svcNs}, port: 8080, weight: 90}, {name: svc-${(i + 1) % SERVICES_PER_NS}, namespace: ${svcNs}, port: 8080, weight: 10}]
  - backendRefs: [{name: ${svc}, namespace: ${svcNs}, port: 8080}]`);
  }
  return docs.join('\n---\n');
}

function timeIt(iterations: number, fn: () => unknown): number {
  fn();
  let best = Infinity;
  for (let b = 0; b < 3; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6 / iterations);
  }
  return best;
}

export default {
  name: 'gatewayApi',
  run() {
    const { snapshot } = loadConfigFromText([{ path: 'routes.yaml', text: yaml() }]);
    const converted = convertMeshRoutes(snapshot);
    const proxy = parseProxySpec('sidecar:ns-0');
    const config = translateProxy(snapshot, proxy);
    return {
      'gatewayApi.convert1000.ms': Number(timeIt(5, () => convertMeshRoutes(snapshot)).toFixed(2)),
      'gatewayApi.sidecar1000.ms': Number(timeIt(2, () => translateProxy(snapshot, proxy)).toFixed(2)),
      'gatewayApi.virtualServices': converted.virtualServices.length,
      'gatewayApi.sidecarRoutes': config.routes.reduce((n, r) => n + (r.virtual_hosts ?? []).reduce((m, v) => m + (v.routes?.length ?? 0), 0), 0),
    };
  },
};
