// analyze.resources10k.ms: every analyzer over 10,000 resources (namespaces of services, pods, VirtualServices,
// DestinationRules, gateways, sidecars, ServiceEntries). Objects are parsed once; the figure is the median of
// three full analyses (schema validation included) after a small warm-up.
import { parseText } from '../../src/config/load/parse.ts';
import { runAnalyzers } from '../../src/analyze/run.ts';
import { ALL_ANALYZERS } from '../../src/analyze/registry.ts';
import type { RawObject } from '../../src/config/load/raw-object.ts';

/** One namespace: 1 Namespace, 1 Sidecar, and 10 × (Service, Pod, VirtualService, DestinationRule) + 1 Gateway, 1 ServiceEntry. */
function namespaceYaml(n: number): string {
  const ns = `team-${n}`;
  const docs = [
    `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}, labels: {istio-injection: enabled}}`,
    `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default, namespace: ${ns}}\nspec: {egress: [{hosts: ["./*", "istio-system/*"]}]}`,
    `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: ${ns}}\nspec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["${ns}.example.com"]}]}`,
    `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: ${ns}}\nspec: {hosts: [api-${n}.example.org], ports: [{number: 443, name: tls, protocol: TLS}], resolution: DNS}`,
  ];
  for (let i = 0; i < 10; i++) {
    const app = `svc-${i}`;
    docs.push(
      `apiVersion: v1\nkind: Service\nmetadata: {name: ${app}, namespace: ${ns}}\nspec: {selector: {app: ${app}}, ports: [{name: http, port: 8080, targetPort: 8080, protocol: TCP}]}`,
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${app}-pod, namespace: ${ns}, labels: {app: ${app}, version: v1}}\nspec: {containers: [{name: app, image: app}, {name: istio-proxy, image: proxyv2}]}`,
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: ${app}, namespace: ${ns}}\nspec:\n  hosts: [${app}]\n  http:\n  - match: [{uri: {prefix: /v2}, headers: {x-canary: {exact: "1"}}}]\n    route: [{destination: {host: ${app}, subset: v1}}]\n  - match: [{uri: {prefix: /api}}]\n    retries: {attempts: 2, perTryTimeout: 1s}\n    timeout: 5s\n    route: [{destination: {host: ${app}, subset: v1}, weight: 90}, {destination: {host: ${app}, subset: v1}, weight: 10}]\n  - route: [{destination: {host: svc-${(i + 1) % 10}}}]`,
      `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ${app}, namespace: ${ns}}\nspec: {host: ${app}, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}, outlierDetection: {consecutive5xxErrors: 5}}, subsets: [{name: v1, labels: {version: v1}}]}`,
    );
  }
  return docs.join('\n---\n');
}

export function syntheticObjects(target: number): RawObject[] {
  const out: RawObject[] = [];
  for (let n = 0; out.length < target; n++) out.push(...parseText(namespaceYaml(n), `ns-${n}.yaml`).objects);
  return out.slice(0, target);
}

export default {
  name: 'analyze',
  run() {
    const objects = syntheticObjects(10_000);
    const now = new Date('2025-06-01T00:00:00Z');
    runAnalyzers({ objects: objects.slice(0, 500), analyzers: ALL_ANALYZERS, now, addDefaultResources: true }); // warm-up
    const times: number[] = [], cpu: number[] = [];
    let findings = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now(), c0 = process.cpuUsage();
      findings = runAnalyzers({ objects, analyzers: ALL_ANALYZERS, now, addDefaultResources: true }).diagnostics.length;
      const c = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    // Wall time is what the target is about; CPU time of this process is steadier on a busy machine.
    return { 'analyze.resources10k.ms': Math.round(median(times)), 'analyze.resources10k.cpuMs': Math.round(median(cpu)), 'analyze.resources10k.findings': findings };
  },
};
