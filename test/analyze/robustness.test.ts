// Malformed objects (wrong types everywhere) must produce findings or nothing — never an exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseText } from '../../src/config/load/parse.ts';
import { runAnalyzers } from '../../src/analyze/run.ts';
import { ALL_ANALYZERS } from '../../src/analyze/registry.ts';

const KINDS: [string, string][] = [
  ['networking.istio.io/v1', 'VirtualService'], ['networking.istio.io/v1', 'DestinationRule'], ['networking.istio.io/v1', 'Gateway'],
  ['networking.istio.io/v1', 'ServiceEntry'], ['networking.istio.io/v1', 'Sidecar'], ['security.istio.io/v1', 'PeerAuthentication'],
  ['security.istio.io/v1', 'RequestAuthentication'], ['v1', 'Service'], ['v1', 'Pod'], ['v1', 'Namespace'], ['v1', 'Secret'],
  ['v1', 'ConfigMap'], ['apps/v1', 'Deployment'], ['gateway.networking.k8s.io/v1', 'Gateway'], ['v1', 'Node'],
];
const FIELDS = ['hosts', 'http', 'tcp', 'tls', 'gateways', 'exportTo', 'host', 'subsets', 'trafficPolicy', 'servers', 'selector',
  'workloadSelector', 'egress', 'ports', 'mtls', 'portLevelMtls', 'containers', 'template', 'listeners', 'addresses', 'type'];
const BAD_VALUES = ['"text"', '42', '[1, "a", null, {}]', '{a: {b: [null]}}', 'null', '[{route: "x", match: [1], retries: "r", timeout: 5}]'];

test('every analyzer survives wrong types in every field', () => {
  const docs: string[] = [];
  BAD_VALUES.forEach((bad, i) => {
    for (const [apiVersion, kind] of KINDS) {
      const spec = FIELDS.map((f) => `  ${f}: ${bad}`).join('\n');
      docs.push(`apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: bad-${i}, namespace: ns, labels: ${bad === 'null' ? '{}' : '{app: x}'}, annotations: {sidecar.istio.io/inject: "false"}}\nspec:\n${spec}\ndata: ${bad}\nstatus: ${bad}\nwebhooks: ${bad}`);
    }
  });
  const { objects } = parseText(docs.join('\n---\n'), 'bad.yaml');
  assert.ok(objects.length > 50);
  const r = runAnalyzers({ objects, analyzers: ALL_ANALYZERS, now: new Date('2025-01-01T00:00:00Z'), addDefaultResources: true, allKindsAvailable: true });
  assert.ok(Array.isArray(r.diagnostics));
});
