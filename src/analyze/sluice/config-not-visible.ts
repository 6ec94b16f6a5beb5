// SLU0008 ConfigNotVisible: a VirtualService or DestinationRule for host H that the namespaces calling H cannot
// see, so their sidecars silently ignore it. Visibility follows Istio: `exportTo` (default from mesh config's
// defaultVirtualServiceExportTo / defaultDestinationRuleExportTo), and for VirtualServices also the egress
// hosts of the caller's Sidecar (namespace-wide, else the root namespace's). Callers of H are namespaces with
// evidence of calling it: other workloads in H's own namespace, and namespaces whose Sidecar names H's service.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject, stringList } from '../util/vs-walk.ts';
import { asLabels, isEmptyLabels, selectorMatches } from '../util/labels.ts';
import { convertHostToFQDN } from '../util/fqdn.ts';
import { serviceForHost, workloadsInNamespace } from '../util/workloads.ts';
import { memo, objectsInNamespace } from '../util/indexes.ts';
import { hostsMatch } from '../../model/hosts.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

export const configNotVisibleAnalyzer: Analyzer = {
  meta: { name: 'sluice.ConfigNotVisible', description: 'VirtualServices/DestinationRules hidden by exportTo or Sidecar egress from namespaces that call their host (SLU0008)', inputs: ['VirtualService', 'DestinationRule', 'Sidecar', 'Service', 'Pod', 'Deployment'], needs: ['Service'] },
  analyze(ctx) {
    for (const vs of ctx.objects('VirtualService')) {
      const gws = stringList(vs.spec.gateways);
      if (gws.length && !gws.includes('mesh')) continue;
      check(ctx, vs, stringList(vs.spec.hosts), ctx.mesh.defaultVirtualServiceExportTo);
    }
    for (const dr of ctx.objects('DestinationRule')) check(ctx, dr, typeof dr.spec.host === 'string' ? [dr.spec.host] : [], ctx.mesh.defaultDestinationRuleExportTo);
  },
};

function check(ctx: AnalysisContext, obj: RawObject, hosts: readonly string[], defaultExportTo: readonly string[]): void {
  const ns = obj.ref.namespace ?? '';
  const declared = stringList(obj.spec.exportTo);
  const exportTo = declared.length ? declared : [...defaultExportTo];
  const reported = new Set<string>();
  for (const host of hosts) {
    const svc = serviceForHost(ctx, ns, host);
    if (!svc) continue;
    const fqdn = convertHostToFQDN(ns, host);
    for (const { caller, why } of callers(ctx, svc)) {
      if (reported.has(caller)) continue;
      if (!exported(exportTo, ns, caller)) {
        reported.add(caller);
        ctx.report(Msg.ConfigNotVisible, obj, declared.length ? 'spec.exportTo' : 'metadata.name',
          `${obj.kind} for ${host} is exported to [${exportTo.join(' ')}], which hides it from namespace ${caller}, whose workloads call ${host} (${why}); their sidecars ignore it.`);
        continue;
      }
      if (obj.kind !== 'VirtualService') continue;
      const sidecar = sidecarFor(ctx, caller);
      if (sidecar && !imported(sidecar, ns, caller, fqdn)) {
        reported.add(caller);
        ctx.report(Msg.ConfigNotVisible, obj, 'metadata.name',
          `Sidecar ${sidecar.ref.namespace}/${sidecar.ref.name} limits namespace ${caller} to egress hosts [${egressHosts(sidecar).join(' ')}], which do not import this VirtualService from namespace ${ns}; workloads in ${caller} call ${host} (${why}) without its rules.`);
      }
    }
  }
}

/** Namespaces with evidence of calling the service, with the evidence. */
function callers(ctx: AnalysisContext, svc: RawObject): { caller: string; why: string }[] {
  const out: { caller: string; why: string }[] = [];
  const svcNs = svc.ref.namespace ?? '';
  const sel = asLabels(svc.spec.selector);
  const other = workloadsInNamespace(ctx, svcNs).find((w) => !(sel && !isEmptyLabels(sel) && selectorMatches(sel, w.labels)));
  if (other) out.push({ caller: svcNs, why: `e.g. ${other.source.kind === 'Pod' ? 'pod' : other.source.kind} ${other.name}` });
  const fqdn = `${svc.ref.name}.${svcNs}.svc.cluster.local`;
  for (const { sc, ns: n, host: h } of sidecarEgressNames(ctx).get(fqdn) ?? []) {
    const scNs = sc.ref.namespace ?? '';
    const named = n === '*' || n === svcNs || (n === '.' && scNs === svcNs);
    if (named && !out.some((o) => o.caller === scNs)) out.push({ caller: scNs, why: `Sidecar ${scNs}/${sc.ref.name} lists ${h} as an egress host` });
  }
  return out.sort((a, b) => (a.caller < b.caller ? -1 : a.caller > b.caller ? 1 : 0));
}

const EGRESS_KEY = {};

/** Explicit (non-wildcard) Sidecar egress hosts, keyed by FQDN (`name.ns` is expanded). */
function sidecarEgressNames(ctx: AnalysisContext): Map<string, { sc: RawObject; ns: string; host: string }[]> {
  return memo(ctx.objects('Sidecar'), EGRESS_KEY, () => {
    const m = new Map<string, { sc: RawObject; ns: string; host: string }[]>();
    for (const sc of ctx.objects('Sidecar')) {
      for (const e of egressHosts(sc)) {
        const [n, h] = splitEgress(e);
        if (h.includes('*')) continue;
        const fqdn = h.split('.').length === 2 ? `${h}.svc.cluster.local` : h;
        m.set(fqdn, [...(m.get(fqdn) ?? []), { sc, ns: n, host: h }]);
      }
    }
    return m;
  });
}

function exported(exportTo: readonly string[], ns: string, caller: string): boolean {
  return exportTo.some((e) => e === '*' || e === caller || (e === '.' && ns === caller));
}

/** The Sidecar that scopes a namespace: its selector-less Sidecar, else the root namespace's. */
function sidecarFor(ctx: AnalysisContext, ns: string): RawObject | undefined {
  const nsWide = (n: string) => objectsInNamespace(ctx, 'Sidecar', n).find((s) => isEmptyLabels(asLabels(s.spec.workloadSelector?.labels)));
  return nsWide(ns) ?? nsWide(ctx.mesh.rootNamespace);
}

const egressHosts = (sc: RawObject) => asList(sc.spec.egress).flatMap((e) => stringList(asObject(e).hosts));
const splitEgress = (e: string): [string, string] => { const i = e.indexOf('/'); return i < 0 ? ['*', e] : [e.slice(0, i), e.slice(i + 1)]; };

/** Whether a Sidecar's egress hosts import a VirtualService of namespace `vsNs` for host `fqdn`. */
function imported(sc: RawObject, vsNs: string, callerNs: string, fqdn: string): boolean {
  return egressHosts(sc).some((e) => {
    const [n, h] = splitEgress(e);
    const nsOk = n === '*' || n === vsNs || (n === '.' && vsNs === callerNs);
    return nsOk && (h === '*' || hostsMatch(h, fqdn));
  });
}
