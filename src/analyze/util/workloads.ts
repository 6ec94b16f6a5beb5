/**
 * Workload facts the SLU checks share: the workloads behind a host, and whether they run a sidecar.
 * From files, Pods are often absent and only Deployments are given; for Sluice's own checks a Deployment's
 * pod template (× replicas) stands in for its pods when no Pod matches. Istio's analyzers use Pods only.
 */
import type { RawObject } from '../../config/load/raw-object.ts';
import type { AnalysisContext } from '../types.ts';
import { asLabels, isEmptyLabels, labelsOf, annotationsOf } from './labels.ts';
import { objectsInNamespace, selectedInNamespace } from './indexes.ts';
import { asObject } from './vs-walk.ts';
import { selectorMatches, type Labels } from './labels.ts';
import { scopedFqdn } from './fqdn.ts';
import { INJECTION_LABEL, REVISION_LABEL, injectOptOut, proxyContainer } from './injection.ts';

/** The Kubernetes Service a host names (`reviews`, `reviews.shop`, `reviews.shop.svc.cluster.local`), from `ns`. */
export function serviceForHost(ctx: AnalysisContext, ns: string, host: string): RawObject | undefined {
  const parts = host.split('.');
  if (parts.length === 2) return ctx.find('Service', parts[1], parts[0]);
  const f = scopedFqdn(ns, host);
  return f.name.includes('.') ? undefined : ctx.find('Service', f.namespace, f.name);
}

/** Pods a Service selects (a Service without selector selects none). */
export function podsOfService(ctx: AnalysisContext, svc: RawObject): RawObject[] {
  const sel = asLabels(svc.spec.selector);
  if (isEmptyLabels(sel)) return [];
  return selectedInNamespace(ctx, 'Pod', svc.ref.namespace ?? '', sel!);
}

/** A Pod, or a Deployment's pod template standing for `replicas` pods. */
export interface Workload {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly podSpec: Record<string, any>;
  readonly replicas: number;
  readonly source: RawObject;
}

function fromPod(p: RawObject): Workload {
  return { name: p.ref.name, namespace: p.ref.namespace ?? '', labels: labelsOf(p), annotations: annotationsOf(p), podSpec: p.spec, replicas: 1, source: p };
}

function fromDeployment(d: RawObject): Workload {
  const tpl = asObject(d.spec.template);
  const meta = asObject(tpl.metadata);
  const replicas = d.spec.replicas === undefined ? 1 : Number(d.spec.replicas);
  return {
    name: d.ref.name, namespace: d.ref.namespace ?? '', labels: asObject(meta.labels) as Labels, annotations: asObject(meta.annotations) as Labels,
    podSpec: asObject(tpl.spec), replicas: Number.isFinite(replicas) && replicas >= 0 ? replicas : 1, source: d,
  };
}

/** Workloads a Service selects: its Pods, else the Deployments whose pod template it selects. */
export function workloadsOfService(ctx: AnalysisContext, svc: RawObject): Workload[] {
  const pods = podsOfService(ctx, svc);
  if (pods.length) return pods.map(fromPod);
  const sel = asLabels(svc.spec.selector);
  if (isEmptyLabels(sel)) return [];
  return objectsInNamespace(ctx, 'Deployment', svc.ref.namespace ?? '').map(fromDeployment).filter((w) => selectorMatches(sel, w.labels));
}

/** Every workload of a namespace (Pods, else Deployments). */
export function workloadsInNamespace(ctx: AnalysisContext, ns: string): Workload[] {
  const pods = objectsInNamespace(ctx, 'Pod', ns);
  return pods.length ? pods.map(fromPod) : objectsInNamespace(ctx, 'Deployment', ns).map(fromDeployment);
}

/**
 * 'yes' when the workload carries the proxy or will be injected, 'no' when it certainly runs without one
 * (opted out, host network, or an explicitly non-injected namespace), 'unknown' otherwise.
 */
export function hasSidecar(ctx: AnalysisContext, w: Workload): 'yes' | 'no' | 'unknown' {
  if (proxyContainer(w.podSpec)) return 'yes';
  if (injectOptOut({ labels: w.labels, annotations: w.annotations }) || w.podSpec.hostNetwork === true) return 'no';
  const ns = ctx.find('Namespace', '', w.namespace);
  if (!ns) return 'unknown';
  const l = labelsOf(ns);
  if (l[INJECTION_LABEL] === 'enabled' || l[REVISION_LABEL]) return 'yes';
  return 'no';
}
