// SLU0004 MTLSConflict: a DestinationRule's client TLS contradicts what the destination accepts.
// - DISABLE / SIMPLE / MUTUAL towards workloads whose PeerAuthentication is STRICT: the server sidecar only
//   accepts Istio mTLS, so every request fails (503 UF / connection reset).
// - ISTIO_MUTUAL towards workloads without a sidecar: nothing terminates Istio mTLS, so every request fails.
// The effective PeerAuthentication is Istio's: workload selector in the pod's namespace, then the namespace-wide
// policy, then the mesh-wide one in the root namespace; port-level mtls overrides by target port.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { asLabels, isEmptyLabels, selectorMatches } from '../util/labels.ts';
import { hasSidecar, serviceForHost, workloadsOfService, type Workload } from '../util/workloads.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

export const mtlsConflictAnalyzer: Analyzer = {
  meta: { name: 'sluice.MTLSConflict', description: 'DestinationRule TLS mode contradicting PeerAuthentication or the absence of a sidecar (SLU0004)', inputs: ['DestinationRule', 'PeerAuthentication', 'Service', 'Pod', 'Deployment', 'Namespace'], needs: ['Service'] },
  analyze(ctx) {
    for (const dr of ctx.objects('DestinationRule')) {
      const svc = serviceForHost(ctx, dr.ref.namespace ?? '', String(dr.spec.host ?? ''));
      if (!svc) continue;
      const pods = workloadsOfService(ctx, svc);
      for (const { mode, path, port } of tlsSettings(dr)) checkMode(ctx, dr, svc, pods, mode, path, port);
    }
  },
};

interface TlsSetting { mode: string; path: string; port?: number }

function tlsSettings(dr: RawObject): TlsSetting[] {
  const out: TlsSetting[] = [];
  const add = (policy: Record<string, any>, base: string) => {
    const mode = asObject(policy.tls).mode;
    if (typeof mode === 'string') out.push({ mode, path: `${base}.tls.mode` });
    asList(policy.portLevelSettings).forEach((p, i) => {
      const m = asObject(asObject(p).tls).mode;
      if (typeof m === 'string') out.push({ mode: m, path: `${base}.portLevelSettings[${i}].tls.mode`, port: Number(asObject(asObject(p).port).number) });
    });
  };
  add(asObject(dr.spec.trafficPolicy), 'spec.trafficPolicy');
  asList(dr.spec.subsets).forEach((s, i) => add(asObject(asObject(s).trafficPolicy), `spec.subsets[${i}].trafficPolicy`));
  return out;
}

function checkMode(ctx: AnalysisContext, dr: RawObject, svc: RawObject, pods: Workload[], mode: string, path: string, port: number | undefined): void {
  const host = String(dr.spec.host);
  if (mode === 'ISTIO_MUTUAL') {
    const bare = pods.filter((p) => hasSidecar(ctx, p) === 'no');
    if (bare.length) ctx.report(Msg.MTLSConflict, dr, path, `DestinationRule sends Istio mTLS (ISTIO_MUTUAL) to ${host}, but ${bare.map((w) => `${w.source.kind === 'Pod' ? 'pod' : w.source.kind} ${w.name}`).sort().join(', ')} run${bare.length > 1 ? '' : 's'} without a sidecar to terminate it: requests fail (use DISABLE, or inject the sidecar).`);
    return;
  }
  if (!['DISABLE', 'SIMPLE', 'MUTUAL'].includes(mode)) return;
  const targetPort = port === undefined ? undefined : servicePortTarget(svc, port);
  const strict = (pods.length ? pods : [undefined]).map((p) => effectivePeerAuthn(ctx, svc.ref.namespace ?? '', p, targetPort)).find((r) => r.mode === 'STRICT');
  if (!strict) return;
  ctx.report(Msg.MTLSConflict, dr, path, `DestinationRule sets TLS mode ${mode} for ${host}${port ? ` port ${port}` : ''}, but PeerAuthentication ${strict.source} requires STRICT mTLS there: the server sidecar rejects anything but Istio mTLS (use ISTIO_MUTUAL, or relax the PeerAuthentication).`);
}

function servicePortTarget(svc: RawObject, port: number): number {
  const p = asList(svc.spec.ports).map(asObject).find((x) => Number(x.port) === port);
  const t = Number(p?.targetPort);
  return Number.isInteger(t) && t > 0 ? t : port;
}

/** Istio's PeerAuthentication precedence for one workload (or the namespace when the pod is unknown). */
export function effectivePeerAuthn(ctx: AnalysisContext, ns: string, pod: Workload | undefined, targetPort: number | undefined): { mode: string; source: string } {
  const pas = ctx.objects('PeerAuthentication');
  const name = (pa: RawObject) => `${pa.ref.namespace}/${pa.ref.name}`;
  const workload = pod && pas.find((pa) => (pa.ref.namespace ?? '') === ns && !isEmptyLabels(asLabels(pa.spec.selector?.matchLabels)) && selectorMatches(asLabels(pa.spec.selector.matchLabels), pod.labels));
  const namespaced = pas.find((pa) => (pa.ref.namespace ?? '') === ns && isEmptyLabels(asLabels(pa.spec.selector?.matchLabels)));
  const mesh = pas.find((pa) => pa.ref.namespace === ctx.mesh.rootNamespace && isEmptyLabels(asLabels(pa.spec.selector?.matchLabels)));
  let mode = 'PERMISSIVE', source = '(none: PERMISSIVE)';
  for (const pa of [mesh, namespaced, workload]) {
    const m = asObject(pa?.spec.mtls).mode;
    if (pa && typeof m === 'string' && m !== 'UNSET') { mode = m; source = name(pa); }
  }
  if (workload && targetPort !== undefined) {
    const m = asObject(asObject(workload.spec.portLevelMtls)[String(targetPort)]).mode;
    if (typeof m === 'string' && m !== 'UNSET') { mode = m; source = name(workload); }
  }
  return { mode, source };
}
