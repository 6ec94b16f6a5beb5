import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, pairs } from '../testing.ts';
import { mtlsConflictAnalyzer } from './mtls-conflict.ts';

const base = (nsLabels: string, podExtra = '') => `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {${nsLabels}}}
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: reviews-v1, namespace: shop, labels: {app: reviews}${podExtra}}
spec: {containers: [{name: reviews, image: reviews}]}
`;
const dr = (mode: string) => `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec: {host: reviews, trafficPolicy: {tls: {mode: ${mode}}}}`;
const strict = `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: istio-system}
spec: {mtls: {mode: STRICT}}`;

const run = (y: string) => analyzeYaml(y, [mtlsConflictAnalyzer]);

test('SLU0004: DISABLE against a mesh-wide STRICT PeerAuthentication', () => {
  const d = run(base('istio-injection: enabled') + dr('DISABLE') + strict);
  assert.deepEqual(pairs(d), ['SLU0004 DestinationRule shop/reviews']);
  assert.match(d[0].message, /DISABLE.*istio-system\/default requires STRICT/);
});

test('SLU0004: ISTIO_MUTUAL towards a pod without a sidecar', () => {
  const d = run(base('istio-injection: enabled', ', annotations: {sidecar.istio.io/inject: "false"}') + dr('ISTIO_MUTUAL'));
  assert.deepEqual(pairs(d), ['SLU0004 DestinationRule shop/reviews']);
  assert.match(d[0].message, /reviews-v1 runs without a sidecar/);
});

test('SLU0004 negative: ISTIO_MUTUAL with STRICT and sidecars; DISABLE with a namespace PERMISSIVE override', () => {
  assert.deepEqual(run(base('istio-injection: enabled') + dr('ISTIO_MUTUAL') + strict), []);
  const permissive = `
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec: {mtls: {mode: PERMISSIVE}}`;
  assert.deepEqual(run(base('istio-injection: enabled') + dr('DISABLE') + strict + permissive), []);
});

test('SLU0004: ISTIO_MUTUAL towards a Deployment whose template opts out of injection', () => {
  const y = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: shop}
spec: {selector: {app: legacy}, ports: [{name: http, port: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: legacy, namespace: shop}
spec:
  selector: {matchLabels: {app: legacy}}
  template: {metadata: {labels: {app: legacy, sidecar.istio.io/inject: "false"}}, spec: {containers: [{name: legacy, image: legacy}]}}
` + dr('ISTIO_MUTUAL').replace(/reviews/g, 'legacy');
  const d = run(y);
  assert.deepEqual(pairs(d), ['SLU0004 DestinationRule shop/legacy']);
  assert.match(d[0].message, /Deployment legacy runs without a sidecar/);
  assert.deepEqual(run(y.replace('sidecar.istio.io/inject: "false"', 'version: v1')), []);
});
