// Benchmark: Kubernetes Ingress conversion (src/config/ingress) and the ingress gateway it feeds.
// 1,000 Ingresses in 20 namespaces, 2 hosts × 3 paths each (hosts shared by pairs of Ingresses, so rules merge
// across Ingresses), every 4th with a TLS secret. Reports ingress.convert1000.ms (convertIngresses),
// ingress.gateway1000.ms (translateProxy for the istio=ingressgateway router; model cached) and sizes.
import { loadConfigFromText } from '../../src/config/index.ts';
import { convertIngresses } from '../../src/config/ingress/index.ts';
import { parseProxySpec } from '../../src/model/proxy-spec.ts';
import { translateProxy } from '../../src/translate/index.ts';

const INGRESSES = 1000;

function yaml(): string {
  const docs: string[] = [];
  for (let i = 0; i < INGRESSES; i++) {
    const ns = `ns-${i % 20}`;
    const hosts = [`app-${i}.example.com`, `shared-${i >> 1}.example.com`];
    const rules = hosts.map((h) => `  - host: ${h}
    http:
      paths:
      - {path: /api, pathType: Prefix, backend: {service: {name: api-${i}, port: {number: 8080}}}}
      - {path: /api/v${i % 3}, pathType: Exact, backend: {service: {name: api-${i}, port: {number: 8080}}}}
      - {path: /, pathType: Prefix, backend: {service: {name: web-${i}, port: {number: 80}}}}`).join('\n');
    const tls = i % 4 === 0 ? `  tls: [{hosts: [${hosts[0]}], secretName: cert-${i}}]\n` : '';
    docs.push(`apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing-${i}, namespace: ${ns}, creationTimestamp: "2020-01-01T00:${String(i % 60).padStart(2, '0')}:00Z", annotations: {kubernetes.io/ingress.class: istio}}
spec:
${tls}  rules:
${rules}`);
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
  name: 'ingress',
  run() {
    const text = yaml();
    const { snapshot } = loadConfigFromText([{ path: 'ingress.yaml', text }]);
    const input = { ingresses: snapshot.byKind('Ingress'), ingressClasses: [], services: [], mesh: snapshot.meshConfig };
    const convertMs = timeIt(5, () => convertIngresses(input));
    const out = convertIngresses(input);
    const proxy = parseProxySpec('router:istio-system:istio=ingressgateway');
    const pc = translateProxy(snapshot, proxy); // builds (and caches) the model for this snapshot
    const gatewayMs = timeIt(3, () => translateProxy(snapshot, proxy));
    return {
      'ingress.convert1000.ms': Math.round(convertMs * 100) / 100,
      'ingress.gateway1000.ms': Math.round(gatewayMs * 100) / 100,
      'ingress.gateway1000.virtualServices': out.virtualServices.length,
      'ingress.gateway1000.vhosts': pc.routes.reduce((n, r) => n + (r.virtual_hosts?.length ?? 0), 0),
    };
  },
};
