import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RawObject } from '../load/raw-object.ts';
import { meshConfigFrom } from '../mesh-config.ts';
import { selectIngress } from './ingress-class.ts';

const ingress = (annotation?: string, className?: string): RawObject => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
  metadata: { name: 'i', namespace: 'default', ...(annotation !== undefined ? { annotations: { 'kubernetes.io/ingress.class': annotation } } : {}) },
  spec: className ? { ingressClassName: className } : {},
  object: {}, ref: { kind: 'Ingress', namespace: 'default', name: 'i' }, source: { file: 'f.yaml', docIndex: 0, line: 1, lines: new Map() },
} as unknown as RawObject);
const ingressClass = (name: string, controller: string): RawObject =>
  ({ metadata: { name }, spec: { controller } } as unknown as RawObject);

const CLASSES = new Map([
  ['istio', ingressClass('istio', 'istio.io/ingress-controller')],
  ['nginx', ingressClass('nginx', 'k8s.io/ingress-nginx')],
]);

const CASES: Array<{ name: string; ing: RawObject; mesh?: Record<string, unknown>; want: boolean; missing?: string }> = [
  { name: 'annotation istio (mesh default class)', ing: ingress('istio'), want: true },
  { name: 'annotation nginx', ing: ingress('nginx'), want: false },
  { name: 'annotation matching a custom mesh ingressClass', ing: ingress('mine'), mesh: { ingressClass: 'mine' }, want: true },
  { name: 'annotation istio but ingressControllerMode OFF', ing: ingress('istio'), mesh: { ingressControllerMode: 'OFF' }, want: false },
  { name: 'annotation wins over an IngressClass', ing: ingress('istio', 'nginx'), want: true },
  { name: 'IngressClass with the Istio controller', ing: ingress(undefined, 'istio'), want: true },
  { name: 'IngressClass of another controller', ing: ingress(undefined, 'nginx'), want: false },
  { name: 'missing IngressClass: ignored even when annotated', ing: ingress('istio', 'gone'), want: false, missing: 'gone' },
  { name: 'no class at all, default mode STRICT', ing: ingress(), want: false },
  { name: 'no class at all, mode DEFAULT', ing: ingress(), mesh: { ingressControllerMode: 'DEFAULT' }, want: true },
];

for (const c of CASES) {
  test(`ingress selection: ${c.name}`, () => {
    const s = selectIngress(c.ing, CLASSES, meshConfigFrom(c.mesh ?? {}));
    assert.equal(s.selected, c.want);
    if (!s.selected) {
      assert.ok(s.reason.length > 0);
      assert.equal(s.classMissing, c.missing);
    }
  });
}
