// Two registry services with one hostname and namespace: Istio's sidecar scope merges their ports when
// `canMergeServices` holds (model/sidecar.go), otherwise the first (k8s before SE, then oldest) wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFrom } from './testing.ts';

const se = (name: string, ports: string, extra = '') => `
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: default}
spec:
  hosts: [istio.io]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [${ports}]
${extra}`;

const portsOf = (yaml: string): number[] => modelFrom(yaml).services.filter((s) => s.hostname === 'istio.io').flatMap((s) => s.ports.map((p) => p.port));

const CASES: Array<{ name: string; yaml: string; want: number[] }> = [
  { name: 'two DNS ServiceEntries, different ports: merged', yaml: se('a', '{number: 80, name: http, protocol: HTTP}') + se('b', '{number: 443, name: https, protocol: HTTPS}'), want: [80, 443] },
  { name: 'same port twice: the first entry keeps it', yaml: se('a', '{number: 80, name: http, protocol: HTTP}') + se('b', '{number: 80, name: tcp, protocol: TCP}, {number: 81, name: x, protocol: TCP}'), want: [80, 81] },
  { name: 'different resolution: not merged (first wins)', yaml: se('a', '{number: 80, name: http, protocol: HTTP}') + se('b', '{number: 443, name: https, protocol: HTTPS}').replace('resolution: DNS', 'resolution: NONE'), want: [80] },
  { name: 'different exportTo: not merged', yaml: se('a', '{number: 80, name: http, protocol: HTTP}') + se('b', '{number: 443, name: https, protocol: HTTPS}', '  exportTo: ["."]'), want: [80] },
];

for (const c of CASES) {
  test(`same host, same namespace: ${c.name}`, () => {
    assert.deepEqual(portsOf(c.yaml), c.want);
  });
}
