/**
 * Turn a parsed PROXY argument into a full ProxySpec. `pod/NAME.NS` looks the Pod up in the input: its labels,
 * namespace and IPs; it is a router when a Gateway with a selector selects its labels, else a sidecar.
 */
import type { MeshModel } from './types.ts';
import { ProxySpecError, type ProxySpec } from './proxy-spec.ts';
import { labelsMatch } from './export-to.ts';

export const DEFAULT_PROXY_IP = '1.1.1.1';

export function resolveProxy(model: MeshModel, parsed: ProxySpec | { readonly pod: string; readonly namespace: string }): ProxySpec {
  if (!('pod' in parsed)) return parsed.ips.length > 0 ? parsed : { ...parsed, ips: [DEFAULT_PROXY_IP] };
  const pod = model.workloads.find((w) => w.kind === 'Pod' && w.name === parsed.pod && w.namespace === parsed.namespace);
  if (!pod) {
    const inNs = model.workloads.filter((w) => w.kind === 'Pod' && w.namespace === parsed.namespace).map((w) => w.name).sort();
    const hint = inNs.length > 0 ? `; pods in that namespace: ${inNs.slice(0, 10).join(', ')}${inNs.length > 10 ? ', …' : ''}` : '; the input has no Pods in that namespace';
    const elsewhere = [...new Set(model.workloads.filter((w) => w.kind === 'Pod' && w.name === parsed.pod).map((w) => w.namespace))].sort();
    const also = elsewhere.length ? `; a pod of that name is in namespace ${elsewhere.map((n) => `"${n}"`).join(', ')} (pod/${parsed.pod}.${elsewhere[0]})` : '';
    throw new ProxySpecError(`pod "${parsed.pod}" not found in namespace "${parsed.namespace}"${also}${hint}`);
  }
  const isRouter = model.gateways.some((g) => g.selector && labelsMatch(g.selector, pod.labels));
  const status = pod.source.object.status ?? {};
  const ips: string[] = (status.podIPs ?? []).map((p: any) => String(p?.ip)).filter(Boolean);
  if (ips.length === 0) ips.push(pod.ip ?? DEFAULT_PROXY_IP);
  return {
    type: isRouter ? 'router' : 'sidecar',
    namespace: pod.namespace,
    labels: pod.labels,
    ips,
    podName: pod.name,
  };
}
