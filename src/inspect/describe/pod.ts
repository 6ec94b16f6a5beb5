import { InspectError } from '../proxy-config/dump.ts';
import { describePodServices, ingressInfo, type DescribeContext } from './describe.ts';
import { revisionFromAnnotations, selects, type Labels } from './k8s.ts';
import { kname, type Obj } from './render.ts';

/** `sluice describe pod NAME.NS` — istioctl `x describe pod`. `mtlsMode` is the effective PeerAuthentication mode. */
export interface PodDescribeContext extends DescribeContext {
  readonly mtlsMode: (pod: Obj) => string;
  readonly rootNamespace: string;
}

const REQUIREMENTS_URL = 'https://istio.io/latest/docs/ops/deployment/application-requirements/';

function podHeader(pod: Obj, describeNs: string): { text: string; meshed: boolean } {
  const md = pod.object?.metadata ?? {};
  const ports: string[] = [];
  let text = '';
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) ports.push(`${p.containerPort}${p.protocol !== 'TCP' ? `/${p.protocol ?? ''}` : ''} (${c.name})`);
    if (c.name !== 'istio-proxy' && c.name !== 'istio-operator' && c.securityContext?.runAsUser === 1337) text += 'WARNING: User ID (UID) 1337 is reserved for the sidecar proxy.\n';
  }
  text += `Pod: ${kname(pod, describeNs)}\n   Pod Revision: ${revisionFromAnnotations(md.annotations)}\n`;
  text += ports.length ? `   Pod Ports: ${ports.join(', ')}\n` : '   Pod does not expose ports\n';
  const phase = pod.object?.status?.phase ?? '';
  if (phase !== 'Running') return { text: text + `   Pod is not Running (${phase})\n`, meshed: false };
  for (const s of pod.object?.status?.containerStatuses ?? []) if (!s.ready) text += `WARNING: Pod ${kname(pod, describeNs)} Container ${s.name} NOT READY\n`;
  for (const s of pod.object?.status?.initContainerStatuses ?? []) if (!s.ready) text += `WARNING: Pod ${kname(pod, describeNs)} Init Container ${s.name} NOT READY\n`;
  const meshed = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])].some((c: any) => c.name === 'istio-proxy');
  if (!meshed) return { text: text + `WARNING: ${kname(pod, describeNs)} is not part of mesh; no Istio sidecar\n`, meshed: false };
  if (pod.spec.securityContext?.runAsUser === 1337) text += '   WARNING: User ID (UID) 1337 is reserved for the sidecar proxy.\n';
  const l: Labels = md.labels ?? {};
  if (!(l['service.istio.io/canonical-name'] || l['app.kubernetes.io/name'] || l.app)) text += `Suggestion: add required service name label for Istio telemetry. See ${REQUIREMENTS_URL}.\n`;
  if (!(l['service.istio.io/canonical-revision'] || l['app.kubernetes.io/version'] || l.version)) text += `Suggestion: add required service revision label for Istio telemetry. See ${REQUIREMENTS_URL}.\n`;
  return { text, meshed: true };
}

function peerAuthentication(ctx: PodDescribeContext, pod: Obj, labels: Labels): string {
  let out = `Effective PeerAuthentication:\n   Workload mTLS mode: ${ctx.mtlsMode(pod)}\n`;
  const pas = ctx.snapshot.byKind('PeerAuthentication')
    .filter((p) => p.ref.namespace === ctx.rootNamespace || p.ref.namespace === pod.namespace)
    .sort((a, b) => (a.ref.namespace === ctx.rootNamespace ? 0 : 1) - (b.ref.namespace === ctx.rootNamespace ? 0 : 1))
    .filter((p) => selects(p.spec?.selector?.matchLabels, labels));
  if (pas.length) out += `Applied PeerAuthentication:\n   ${pas.map((p) => `${p.ref.name}.${p.ref.namespace}`).join(', ')}\n`;
  return out;
}

export function describePod(ctx: PodDescribeContext, name: string, ns: string): string {
  const o = ctx.snapshot.get('Pod', ns, name);
  if (!o) throw new InspectError(`pods "${name}" not found in namespace "${ns}" of the input`);
  const pod: Obj = { name, namespace: ns, spec: o.spec ?? {}, object: o.object };
  const labels: Labels = o.object?.metadata?.labels ?? {};
  let out = podHeader(pod, ctx.describeNamespace).text;
  const services = ctx.snapshot.byKind('Service').filter((s) => s.ref.namespace === ns && Object.keys(s.spec?.selector ?? {}).length > 0 && selects(s.spec.selector, labels))
    .map((s) => ({ name: s.ref.name, namespace: s.ref.namespace ?? '', spec: s.spec ?? {}, object: s.object }));
  if (!services.length) out += `Warning: No Kubernetes Services select pod ${kname(pod, ctx.describeNamespace)} (see https://istio.io/docs/setup/kubernetes/additional-setup/requirements/ )\n`;
  out += '--------------------\n' + describePodServices(ctx, pod, services, [labels]);
  out += '--------------------\n' + peerAuthentication(ctx, pod, labels);
  return out + ingressInfo(ctx, services, [labels]);
}
