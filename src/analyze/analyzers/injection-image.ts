// injection.ImageAnalyzer (Istio analyzers/injection/injection-image.go): pods whose proxy image differs from the
// injector's configured image (the control plane was upgraded, the pods were not restarted) → IST0158 per namespace.
import { parse } from 'yaml';
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asObject } from '../util/vs-walk.ts';
import { selectorMatches, asLabels, isEmptyLabels, labelsOf, annotationsOf } from '../util/labels.ts';
import { INJECTION_LABEL, REVISION_LABEL, injectorValues, proxyContainer } from '../util/injection.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

export const injectionImageAnalyzer: Analyzer = {
  meta: {
    name: 'injection.ImageAnalyzer',
    description: 'Checks the image of auto-injection configured with the running proxies on pods',
    inputs: ['Namespace', 'Pod', 'ConfigMap', 'MeshConfig', 'ProxyConfig'],
    needs: ['Namespace', 'Pod'],
  },
  analyze(ctx) {
    const revisionOf = new Map<string, string>();
    for (const ns of ctx.objects('Namespace')) {
      const l = labelsOf(ns);
      if (l[INJECTION_LABEL] === 'enabled') revisionOf.set(ns.ref.name, 'default');
      else if (l[REVISION_LABEL]) revisionOf.set(ns.ref.name, l[REVISION_LABEL]);
    }
    const mismatched = new Map<string, string[]>();
    for (const pod of ctx.objects('Pod')) {
      const ns = pod.ref.namespace ?? '';
      const rev = revisionOf.get(ns);
      if (rev === undefined || annotationsOf(pod)['sidecar.istio.io/proxyImage']) continue;
      const expected = expectedImage(injectorValues(ctx, rev));
      const proxy = proxyContainer(pod.spec);
      if (!expected || !proxy) continue;
      const variant = imageVariant(ctx, pod);
      if (proxy.image === expected || (variant && proxy.image === `${expected}-${variant}`)) continue;
      mismatched.set(ns, [...(mismatched.get(ns) ?? []), pod.ref.name]);
    }
    for (const [ns, pods] of mismatched) {
      const nsObj = ctx.find('Namespace', '', ns);
      if (nsObj) ctx.report(Msg.PodsIstioProxyImageMismatchInNamespace, nsObj, 'metadata.name', pods.sort());
    }
  },
};

function expectedImage(values: Record<string, any> | undefined): string | undefined {
  if (!values) return undefined;
  const g = asObject(values.global);
  const image = asObject(g.proxy).image;
  if (typeof image !== 'string' || !image) return undefined;
  return image.includes('/') ? image : `${g.hub}/${image}:${g.tag}`;
}

/** Image type: mesh default, then root-namespace, namespace and workload ProxyConfig, then the pod annotation. */
function imageVariant(ctx: AnalysisContext, pod: RawObject): string | undefined {
  let variant: unknown = asObject(asObject(ctx.mesh.raw.defaultConfig).image).imageType;
  const ns = pod.ref.namespace ?? '';
  const pcs = ctx.objects('ProxyConfig');
  const pick = (pc: RawObject | undefined) => { const t = asObject(pc?.spec.image).imageType; if (t) variant = t; };
  pick(pcs.find((p) => p.ref.namespace === ctx.mesh.rootNamespace && isEmptyLabels(asLabels(p.spec.selector?.matchLabels))));
  pick(pcs.find((p) => p.ref.namespace === ns && ns !== ctx.mesh.rootNamespace && isEmptyLabels(asLabels(p.spec.selector?.matchLabels))));
  pick(pcs.find((p) => p.ref.namespace === ns && !isEmptyLabels(asLabels(p.spec.selector?.matchLabels)) && selectorMatches(asLabels(p.spec.selector.matchLabels), labelsOf(pod))));
  const ann = annotationsOf(pod)['proxy.istio.io/config'];
  if (typeof ann === 'string') {
    try { pick({ spec: asObject(parse(ann)) } as RawObject); } catch { /* an unparseable annotation is ignored, as the injector would reject it */ }
  }
  return typeof variant === 'string' && variant && variant !== 'default' ? variant : undefined;
}
