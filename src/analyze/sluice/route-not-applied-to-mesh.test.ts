import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeYaml, pairs } from '../testing.ts';
import { routeNotAppliedToMeshAnalyzer } from './route-not-applied-to-mesh.ts';

const y = (hosts: string, gateways: string) => `
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: ${hosts}
  gateways: ${gateways}
  http: [{route: [{destination: {host: reviews}}]}]`;

test('SLU0007: a VirtualService for in-mesh reviews bound only to a gateway', () => {
  const d = analyzeYaml(y('[reviews]', '[shop-gw]'), [routeNotAppliedToMeshAnalyzer]);
  assert.deepEqual(pairs(d), ['SLU0007 VirtualService shop/reviews']);
  assert.equal(d[0].severity, 'Info');
});

test('SLU0007 negative: bound to mesh too, an external host, or a separate mesh VirtualService for the host', () => {
  assert.deepEqual(analyzeYaml(y('[reviews]', '[shop-gw, mesh]'), [routeNotAppliedToMeshAnalyzer]), []);
  assert.deepEqual(analyzeYaml(y('[shop.example.com]', '[shop-gw]'), [routeNotAppliedToMeshAnalyzer]), []);
  const meshVs = `
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews-mesh, namespace: shop}
spec: {hosts: [reviews.shop.svc.cluster.local], http: [{route: [{destination: {host: reviews}}]}]}`;
  assert.deepEqual(analyzeYaml(y('[reviews]', '[shop-gw]') + meshVs, [routeNotAppliedToMeshAnalyzer]), []);
});
