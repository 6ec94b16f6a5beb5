/**
 * Which proxy to compute config for. Parsed from the CLI's PROXY argument:
 *   sidecar:NAMESPACE[:k=v,k=v]   router:NAMESPACE:k=v,...   pod/NAME.NAMESPACE
 * or from an xDS node (id `sidecar~10.1.0.7~name.ns~ns.svc.cluster.local` plus metadata).
 */
export interface ProxySpec {
  readonly type: 'sidecar' | 'router';
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Workload IPs (first is the primary). Istio's simulation default is 1.1.1.1. */
  readonly ips: readonly string[];
  /** Pod name when known (`pod/NAME.NS` or the node id). */
  readonly podName?: string;
  readonly clusterId?: string;
  /** Istio version of the proxy when known (affects a few defaults). */
  readonly istioVersion?: string;
  /** Extra node metadata (xDS node metadata, e.g. GENERATOR: grpc). */
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export class ProxySpecError extends Error {}

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!text) return labels;
  for (const kv of text.split(',')) {
    if (!kv) continue;
    const i = kv.indexOf('=');
    if (i <= 0) throw new ProxySpecError(`bad label "${kv}" in proxy spec: expected k=v`);
    labels[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return labels;
}

/** Parse `sidecar:NS[:labels]` / `router:NS:labels`. `pod/...` is resolved by the model (needs the Pod). */
/**
 * `pod/NAME` takes `defaultNamespace` (the command's -n), as istioctl does for a pod name without `.NS`;
 * like istioctl, the namespace is what follows the last dot.
 */
export function parseProxySpec(text: string, defaultNamespace = 'default'): ProxySpec | { readonly pod: string; readonly namespace: string } {
  if (text.startsWith('pod/')) {
    const rest = text.slice(4);
    const dot = rest.lastIndexOf('.');
    if (rest === '' || dot === 0) throw new ProxySpecError(`bad proxy "${text}": pod name missing (expected pod/NAME.NAMESPACE)`);
    if (dot === rest.length - 1) throw new ProxySpecError(`bad proxy "${text}": namespace missing after "." (expected pod/NAME.NAMESPACE)`);
    if (dot < 0) return { pod: rest, namespace: defaultNamespace };
    return { pod: rest.slice(0, dot), namespace: rest.slice(dot + 1) };
  }
  const [type, ns, labels, ip] = text.split(':');
  if (type !== 'sidecar' && type !== 'router') throw new ProxySpecError(`bad proxy "${text}": expected sidecar:NAMESPACE[:k=v,...], router:NAMESPACE:k=v,... or pod/NAME.NAMESPACE`);
  if (!ns) throw new ProxySpecError(`bad proxy "${text}": namespace missing`);
  return { type, namespace: ns, labels: parseLabels(labels), ips: [ip || '1.1.1.1'] };
}
