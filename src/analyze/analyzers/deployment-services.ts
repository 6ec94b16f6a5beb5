// deployment.MultiServiceAnalyzer (Istio analyzers/deployment/services.go): a mesh Deployment behind several
// Services that use one port number with different protocols (IST0116), or one targetPort from different
// ports (IST0137), gets ambiguous listeners.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { asLabels, isEmptyLabels, selectorMatches } from '../util/labels.ts';
import { INJECTION_LABEL, INJECT_OPT, namespaceLabels, proxyContainer } from '../util/injection.ts';
import type { RawObject } from '../../config/load/raw-object.ts';
import { objectsInNamespace } from '../util/indexes.ts';

export const multiServiceAnalyzer: Analyzer = {
  meta: {
    name: 'deployment.MultiServiceAnalyzer',
    description: 'Checks association between services and pods',
    inputs: ['Service', 'Deployment', 'Namespace'],
    needs: ['Service', 'Deployment'],
  },
  analyze(ctx) {
    for (const dep of ctx.objects('Deployment')) {
      if (!inMesh(ctx, dep)) continue;
      const tplLabels = asObject(asObject(dep.spec.template).metadata).labels as Record<string, string> | undefined;
      const services = objectsInNamespace(ctx, 'Service', dep.ref.namespace ?? '').filter((s) => !isEmptyLabels(asLabels(s.spec.selector)) && selectorMatches(asLabels(s.spec.selector), tplLabels));
      checkProtocols(ctx, dep, services);
      checkTargetPorts(ctx, dep, services);
    }
  },
};

function inMesh(ctx: AnalysisContext, dep: RawObject): boolean {
  const tpl = asObject(dep.spec.template);
  const meta = asObject(tpl.metadata);
  if (asObject(meta.labels)['gateway.istio.io/managed'] === 'istio.io-mesh-controller') return false;
  if (proxyContainer(asObject(tpl.spec))) return true;
  const opt = asObject(meta.labels)[INJECT_OPT] ?? asObject(meta.annotations)[INJECT_OPT];
  if (typeof opt === 'string') return opt === 'true';
  return namespaceLabels(ctx, dep.ref.namespace ?? '')[INJECTION_LABEL] === 'enabled';
}

const nameOf = (o: RawObject) => o.ref.name;

function checkProtocols(ctx: AnalysisContext, dep: RawObject, services: readonly RawObject[]): void {
  const byPort = new Map<number, Map<string, string[]>>();
  for (const svc of services) {
    for (const p of asList(svc.spec.ports).map(asObject)) {
      const port = Number(p.port);
      const proto = typeof p.protocol === 'string' && p.protocol ? p.protocol : 'TCP';
      const m = byPort.get(port) ?? new Map<string, string[]>();
      byPort.set(port, m);
      m.set(proto, [...(m.get(proto) ?? []), nameOf(svc)]);
    }
  }
  for (const [port, protos] of [...byPort].sort((a, b) => a[0] - b[0])) {
    if (protos.size < 2) continue;
    const svcs = [...new Set([...protos.values()].flat())].sort();
    ctx.report(Msg.DeploymentAssociatedToMultipleServices, dep, 'metadata.name', dep.ref.name, port, svcs);
  }
}

function checkTargetPorts(ctx: AnalysisContext, dep: RawObject, services: readonly RawObject[]): void {
  const byTarget = new Map<string, Map<number, string[]>>();
  for (const svc of services) {
    for (const p of asList(svc.spec.ports).map(asObject)) {
      const port = Number(p.port);
      const target = p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '0' ? String(port) : String(p.targetPort);
      const m = byTarget.get(target) ?? new Map<number, string[]>();
      byTarget.set(target, m);
      m.set(port, [...(m.get(port) ?? []), nameOf(svc)]);
    }
  }
  for (const [target, ports] of [...byTarget].sort()) {
    if (ports.size < 2) continue;
    const svcs = [...new Set([...ports.values()].flat())].sort();
    ctx.report(Msg.DeploymentConflictingPorts, dep, 'metadata.name', dep.ref.name, svcs, target, [...ports.keys()].sort((a, b) => a - b));
  }
}
