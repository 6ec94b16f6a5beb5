// MergeGateways' duplicate-host rule (Istio model/gateway.go): a TLS server repeating a host of an earlier TLS
// server on the same port (and bind) is dropped whole. It is what makes Ingresses sharing a TLS host resolve
// to the first Gateway's server (TestIngress "shared TLS cert conflict").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfigFromText } from '../../src/config/index.ts';
import { parseProxySpec } from '../../src/model/proxy-spec.ts';
import { translateProxy } from '../../src/translate/index.ts';

const gw = (name: string, ns: string, hosts: string, extra = '') => `
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https-${name}, protocol: HTTPS}
    hosts: [${hosts}]
    tls: {mode: SIMPLE, credentialName: cert-${name}}
${extra}`;

function chains443(yaml: string): string[] {
  const { snapshot } = loadConfigFromText([{ path: 'gw.yaml', text: yaml }]);
  const pc = translateProxy(snapshot, parseProxySpec('router:istio-system:istio=ingressgateway'));
  return pc.listeners.filter((l) => l.name.endsWith('_443')).flatMap((l) => (l.filter_chains ?? []).map((c) => `${l.name} ${JSON.stringify(c.filter_chain_match?.server_names ?? [])} ${c.filters?.[0]?.typed_config?.rds?.route_config_name}`));
}

const CASES: Array<{ name: string; yaml: string; want: string[] }> = [
  {
    name: 'same host in two Gateways: the first (oldest, then by name) keeps it',
    yaml: gw('a', 'default', 'example.com') + gw('b', 'default', 'example.com'),
    want: ['0.0.0.0_443 ["example.com"] https.443.https-a.a.default'],
  },
  {
    name: 'one shared host drops the whole later server (its other hosts too)',
    yaml: gw('a', 'default', 'example.com') + gw('b', 'default', 'example.com, other.com'),
    want: ['0.0.0.0_443 ["example.com"] https.443.https-a.a.default'],
  },
  {
    name: 'different hosts: both kept',
    yaml: gw('a', 'default', 'example.com') + gw('b', 'default', 'other.com'),
    want: ['0.0.0.0_443 ["example.com"] https.443.https-a.a.default', '0.0.0.0_443 ["other.com"] https.443.https-b.b.default'],
  },
  {
    name: 'hosts compare namespace-qualified: ./* in two namespaces are different (both kept, as istiod does)',
    yaml: gw('a', 'istio-system', './*') + gw('b', 'default', './*'),
    want: ['0.0.0.0_443 [] https.443.https-a.a.istio-system', '0.0.0.0_443 [] https.443.https-b.b.default'],
  },
];

for (const c of CASES) {
  test(`gateway TLS duplicates: ${c.name}`, () => {
    assert.deepEqual(chains443(c.yaml), c.want);
  });
}
