import type { ConfigSnapshot } from '../../config/snapshot.ts';
import type { Dump } from '../proxy-config/dump.ts';
import { InspectError } from '../proxy-config/dump.ts';
import { goSortSlice } from '../text/go-sort.ts';
import { destinationRulePathForService, parseConfigPath, rbacPolicies, virtualServicePathForService } from './dump-lookups.ts';
import { findPodPort, findProtocolForPort, selects, type Labels } from './k8s.ts';
import { kname, renderDestinationRule, renderVirtualService, subsetsFor, type Obj } from './render.ts';

/**
 * `sluice describe service|pod` — istioctl's `x describe` over input objects plus each pod's Envoy
 * config (a captured dump, or Sluice's translation for that pod). Pure: the caller supplies dumps.
 */
export interface DescribeContext {
  readonly snapshot: ConfigSnapshot;
  /** The pod's Envoy config dump. */
  readonly dumpFor: (pod: Obj) => Dump;
  /** Namespace names are shown relative to (istioctl's -n). */
  readonly describeNamespace: string;
}

const objOf = (o: { ref: { name: string; namespace?: string }; spec: any; object: any }): Obj => ({ name: o.ref.name, namespace: o.ref.namespace ?? '', spec: o.spec ?? {}, object: o.object });
const all = (ctx: DescribeContext, kind: string): Obj[] => ctx.snapshot.byKind(kind).map(objOf);
const find = (ctx: DescribeContext, kind: string, ns: string, name: string): Obj | undefined => {
  const o = ctx.snapshot.get(kind, ns, name);
  return o ? objOf(o) : undefined;
};
const labelsOf = (o: Obj): Labels => o.object?.metadata?.labels ?? {};
const byName = (a: Obj, b: Obj): number => (a.namespace !== b.namespace ? (a.namespace < b.namespace ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * istioctl reads the istio-proxy container status. Pods written as YAML often carry no
 * containerStatuses at all (deliberate difference): then the spec's istio-proxy container and the
 * pod's Ready condition decide.
 */
function proxyReady(pod: Obj): boolean | string {
  const status = pod.object?.status ?? {};
  if (!status.containerStatuses && !status.initContainerStatuses) {
    const hasProxy = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])].some((c: any) => c.name === 'istio-proxy');
    if (!hasProxy) return 'no container "istio-proxy" in pod';
    return (status.conditions ?? []).find((c: any) => c.type === 'Ready')?.status !== 'False';
  }
  const statuses = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])];
  const st = statuses.find((s: any) => s.name === 'istio-proxy');
  return st ? Boolean(st.ready) : 'no container "istio-proxy" in pod';
}

export function describeService(ctx: DescribeContext, name: string, ns: string): string {
  const svc = find(ctx, 'Service', ns, name);
  if (!svc) throw new InspectError(`services "${name}" not found in namespace "${ns}" of the input`);
  const selector: Labels = svc.spec.selector ?? {};
  let out = '';
  const matching: Obj[] = [];
  let selected = 0;
  if (Object.keys(selector).length) {
    for (const pod of all(ctx, 'Pod').filter((p) => p.namespace === ns && selects(selector, labelsOf(p))).sort(byName)) {
      selected++;
      const phase = pod.object?.status?.phase ?? '';
      if (phase !== 'Running') { out += `   Pod is not Running (${phase})\n`; continue; }
      const ready = proxyReady(pod);
      if (typeof ready === 'string') { out += `Pod ${kname(pod, ctx.describeNamespace)}: ${ready}\n`; continue; }
      if (!ready) { out += `WARNING: Pod ${kname(pod, ctx.describeNamespace)} Container istio-proxy NOT READY\n`; continue; }
      matching.push(pod);
    }
  }
  if (!matching.length) {
    if (!selected) return out + `Service "${kname(svc, ctx.describeNamespace)}" has no pods.\n`;
    return out + `Service "${kname(svc, ctx.describeNamespace)}" has no Istio pods.  (${selected} pods in service).\nUse \`istioctl kube-inject\` or redeploy with Istio automatic sidecar injection.\n`;
  }
  const podsLabels = matching.map(labelsOf);
  out += describePodServices(ctx, matching[0]!, [svc], podsLabels);
  return out + ingressInfo(ctx, [svc], podsLabels);
}

export function describePodServices(ctx: DescribeContext, pod: Obj, services: readonly Obj[], podsLabels: readonly Labels[]): string {
  const dump = ctx.dumpFor(pod);
  let out = '';
  services.forEach((svc, row) => {
    if (row) out += '--------------------\n';
    out += serviceHeader(svc, pod, ctx.describeNamespace);
    const ports: any[] = svc.spec.ports ?? [];
    const multi = ports.length > 1, level = multi ? 3 : 0;
    for (const port of ports) {
      if (multi) out += `${port.port}:\n`;
      const ref = { name: svc.name, namespace: svc.namespace };
      const drRef = parseConfigPath(destinationRulePathForService(dump, ref, Number(port.port)), 'destination-rule');
      let dr: Obj | undefined;
      if (drRef) {
        dr = find(ctx, 'DestinationRule', drRef.namespace, drRef.name);
        out += dr ? renderDestinationRule(level, dr, podsLabels, ctx.describeNamespace) : `WARNING: Proxy is stale; it references to non-existent destination rule ${drRef.name}.${drRef.namespace}\n`;
      }
      const { matching, nonmatching } = subsetsFor(dr, podsLabels);
      const vsRef = parseConfigPath(virtualServicePathForService(dump, ref, Number(port.port)), 'virtual-service');
      if (vsRef) {
        const vs = find(ctx, 'VirtualService', vsRef.namespace, vsRef.name);
        out += vs ? renderVirtualService(level, vs, { svc: ref, matching, nonmatching, dr, describeNs: ctx.describeNamespace }) : `WARNING: Proxy is stale; it references to non-existent virtual service ${vsRef.name}.${vsRef.namespace}\n`;
      }
      const policies = rbacPolicies(dump);
      if (policies.length) out += `${multi ? `${port.port} ` : ''}RBAC policies: ${policies.join(', ')}\n`;
    }
  });
  return out;
}

function serviceHeader(svc: Obj, pod: Obj, describeNs: string): string {
  let out = `Service: ${kname(svc, describeNs)}\n`;
  for (const port of svc.spec.ports ?? []) {
    if (port.protocol !== 'TCP') continue; // istioctl skips ports whose protocol is not literally TCP (also unset ones)
    const n = findPodPort(pod.object, port);
    out += typeof n === 'number' ? `   Port: ${port.name ?? ''} ${port.port}/${findProtocolForPort(port)} targets pod port ${n}\n` : `   ${n}\n`;
  }
  return out;
}

interface Ingress { readonly service: Obj; readonly pods: Obj[] }

const ingressIP = (i: Ingress): string => i.service.object?.status?.loadBalancer?.ingress?.[0]?.ip ?? i.pods[0]?.object?.status?.hostIP ?? 'unknown';

function exposedOn(i: Ingress): string {
  let out = '';
  for (const port of i.service.spec.ports ?? []) {
    if (port.protocol !== 'TCP' || (port.name !== 'http' && port.name !== 'http2')) continue;
    if (typeof findPodPort(i.pods[0]!.object, port) !== 'number') continue;
    const proto = findProtocolForPort(port);
    const scheme = proto === 'HTTP' || proto === 'HTTP2' ? 'http' : '';
    const suffix = scheme === 'http' && port.port === 80 ? '' : `:${port.port}`;
    out += `Exposed on Ingress Gateway ${scheme}://${ingressIP(i)}${suffix}\n`;
  }
  return out;
}

/** istioctl printIngressInfo: gateways of the VirtualServices the ingress proxies route to this service with. */
export function ingressInfo(ctx: DescribeContext, services: readonly Obj[], podsLabels: readonly Labels[]): string {
  const pods = all(ctx, 'Pod').filter((p) => labelsOf(p).istio === 'ingressgateway' && p.object?.status?.phase === 'Running').sort(byName);
  if (!pods.length) return 'Skipping Gateway information (no ingress gateway pods)\n';
  let out = '';
  const found: Ingress[] = [];
  for (const ns of [...new Set(pods.map((p) => p.namespace))].sort()) {
    for (const svc of all(ctx, 'Service').filter((s) => s.namespace === ns).sort(byName)) {
      const ps = pods.filter((p) => p.namespace === ns && selects(svc.spec.selector, labelsOf(p)));
      if (ps.length) found.push({ service: svc, pods: ps });
    }
  }
  if (!found.length) out += 'Skipping Gateway information (no ingress gateway service)\n';
  const seenDr = new Map<string, Obj | undefined>(), seenVs = new Map<string, Obj | undefined>(), seenGw = new Set<string>();
  for (const pod of pods) {
    const dump = ctx.dumpFor(pod);
    for (const svc of services) for (const port of svc.spec.ports ?? []) {
      const ref = { name: svc.name, namespace: svc.namespace };
      const drRef = parseConfigPath(destinationRulePathForService(dump, ref, Number(port.port)), 'destination-rule');
      let dr: Obj | undefined;
      if (drRef) {
        const key = `${drRef.namespace}/${drRef.name}`;
        if (!seenDr.has(key)) {
          seenDr.set(key, find(ctx, 'DestinationRule', drRef.namespace, drRef.name));
          if (!seenDr.get(key)) out += `WARNING: Proxy is stale; it references to non-existent destination rule ${drRef.name}.${drRef.namespace}\n`;
        }
        dr = seenDr.get(key);
      }
      const { matching, nonmatching } = subsetsFor(dr, podsLabels);
      const vsRef = parseConfigPath(virtualServicePathForService(dump, ref, Number(port.port)), 'virtual-service');
      if (!vsRef) continue;
      const vkey = `${vsRef.namespace}/${vsRef.name}`;
      if (!seenVs.has(vkey)) {
        seenVs.set(vkey, find(ctx, 'VirtualService', vsRef.namespace, vsRef.name));
        if (!seenVs.get(vkey)) out += `WARNING: Proxy is stale; it references to non-existent virtual service ${vsRef.name}.${vsRef.namespace}\n`;
      }
      const vs = seenVs.get(vkey);
      if (!vs) continue;
      for (const gwText of vs.spec.gateways ?? []) {
        if (!gwText || gwText === 'mesh') continue;
        const [gns, gname] = gwText.includes('/') ? gwText.split('/', 2) : [vs.namespace, gwText];
        const gkey = `${gns}/${gname}`;
        if (seenGw.has(gkey)) continue;
        const gw = find(ctx, 'Gateway', gns, gname);
        if (!gw) { out += `WARNING: Proxy is stale; it references to non-existent gateway ${gns}/${gname}\n`; continue; }
        seenGw.add(gkey);
        if (!gw.spec.selector) { out += `Ingress Gateway ${gns}/${gname} be applyed all workloads`; continue; }
        const matched = goSortSlice(found.filter((i) => i.pods.some((p) => selects(gw.spec.selector, labelsOf(p)))), (a, b) => ingressIP(a) < ingressIP(b));
        if (!matched.length) continue;
        out += '--------------------\n' + matched.map(exposedOn).join('');
        out += renderVirtualService(0, vs, { svc: ref, matching, nonmatching, dr, describeNs: ctx.describeNamespace });
      }
    }
  }
  return out;
}
