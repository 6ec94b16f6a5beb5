/** Workload facts the SLU checks share: the pods behind a host, and whether they run a sidecar. */
import type { RawObject } from '../../config/load/raw-object.ts';
import type { AnalysisContext } from '../types.ts';
import { asLabels, isEmptyLabels } from './labels.ts';
import { selectedInNamespace } from './indexes.ts';
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

/**
 * 'yes' when the pod carries the proxy or will be injected, 'no' when it certainly runs without one
 * (opted out, host network, or an explicitly non-injected namespace), 'unknown' otherwise.
 */
export function hasSidecar(ctx: AnalysisContext, pod: RawObject): 'yes' | 'no' | 'unknown' {
  if (proxyContainer(pod.spec)) return 'yes';
  if (injectOptOut(pod.metadata as any) || pod.spec.hostNetwork === true) return 'no';
  const ns = ctx.find('Namespace', '', pod.ref.namespace ?? '');
  if (!ns) return 'unknown';
  const l = ns.metadata.labels ?? {};
  if (l[INJECTION_LABEL] === 'enabled' || l[REVISION_LABEL]) return 'yes';
  return 'no';
}
