import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchConflict, mergeMatches } from './delegate-merge.ts';

test('a delegate prefix must extend the root prefix; exact must equal exact', () => {
  assert.equal(matchConflict({ uri: { prefix: '/api' } }, { uri: { prefix: '/api/v1' } }), false);
  assert.equal(matchConflict({ uri: { prefix: '/api' } }, { uri: { prefix: '/web' } }), true);
  assert.equal(matchConflict({ uri: { exact: '/a' } }, { uri: { exact: '/b' } }), true);
  assert.equal(matchConflict({ uri: { regex: '.*' } }, { uri: { prefix: '/x' } }), true);
  assert.equal(matchConflict({ ignoreUriCase: true }, {}), true);
});

test('merged matches take the delegate fields, the root fills gaps; no fit drops the rule', () => {
  const m = mergeMatches([{ name: 'root', uri: { prefix: '/api' }, headers: { a: { exact: '1' } } }], [{ name: 'sub', uri: { prefix: '/api/v1' }, headers: { b: { exact: '2' } } }]);
  assert.deepEqual(m, [{ name: 'root-sub', uri: { prefix: '/api/v1' }, headers: { a: { exact: '1' }, b: { exact: '2' } } }]);
  assert.equal(mergeMatches([{ uri: { prefix: '/api' } }], [{ uri: { prefix: '/web' } }]), undefined);
});

test('a root VS expands its delegate (other namespace, exported) into merged routes', async () => {
  const { loadConfigFromText } = await import('../../config/index.ts');
  const { translateProxy } = await import('../index.ts');
  const yaml = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec: {clusterIP: 10.0.0.1, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: team}
spec: {clusterIP: 10.0.0.2, ports: [{name: http, port: 80}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: root, namespace: default}
spec:
  hosts: [web]
  http:
  - name: api
    match: [{uri: {prefix: /api}}]
    delegate: {name: api-routes, namespace: team}
    timeout: 3s
  - name: rest
    route: [{destination: {host: web}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api-routes, namespace: team}
spec:
  http:
  - name: v1
    match: [{uri: {prefix: /api/v1}}]
    route: [{destination: {host: api.team.svc.cluster.local}}]
  - name: other
    match: [{uri: {prefix: /web}}]
    route: [{destination: {host: api.team.svc.cluster.local}}]
`;
  const { snapshot } = loadConfigFromText([{ path: 'd.yaml', text: yaml }]);
  const pc = translateProxy(snapshot, { type: 'sidecar', namespace: 'default', labels: {}, ips: ['10.1.0.1'] });
  const vh = pc.routes.find((r) => r.name === '80')!.virtual_hosts!.find((v) => v.name === 'web.default.svc.cluster.local:80')!;
  // `other` (/web) does not fit inside the root match /api and is dropped; the timeout is inherited.
  assert.deepEqual(vh.routes!.map((r) => [r.name, r.match.prefix, r.route?.cluster, r.route?.timeout]), [
    ['api-v1', '/api/v1', 'outbound|80||api.team.svc.cluster.local', '3s'],
    ['rest', '/', 'outbound|80||web.default.svc.cluster.local', '0s'],
  ]);
});
