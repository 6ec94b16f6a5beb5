// injection.Analyzer (Istio analyzers/injection/injection.go): namespaces without an injection label
// (IST0102, or IST0148 when the injector enables namespaces by default), conflicting injection labels (IST0123),
// and pods in injected namespaces that lack the proxy (IST0103).
import type { Analyzer } from '../types.ts';
import { Msg } from '../messages.ts';
import { asObject } from '../util/vs-walk.ts';
import { DATAPLANE_MODE_LABEL, INJECTION_LABEL, REVISION_LABEL, injectOptOut, injectorValues, namespaceLabels, proxyContainer } from '../util/injection.ts';
import { labelsOf } from '../util/labels.ts';

export const injectionAnalyzer: Analyzer = {
  meta: {
    name: 'injection.Analyzer',
    description: 'Checks conditions related to Istio sidecar injection',
    inputs: ['Namespace', 'Pod', 'ConfigMap'],
    needs: ['Namespace'],
  },
  analyze(ctx) {
    const injected = new Set<string>();
    for (const ns of ctx.objects('Namespace')) {
      const name = ns.ref.name;
      if (name === ctx.istioNamespace) continue;
      const labels = labelsOf(ns);
      const inj = labels[INJECTION_LABEL];
      const multi: string[] = [];
      if (inj !== undefined) multi.push(`${INJECTION_LABEL}=${inj}`);
      if (inj === undefined || inj === 'enabled') {
        for (const k of [REVISION_LABEL, DATAPLANE_MODE_LABEL]) if (labels[k] !== undefined) multi.push(`${k}=${labels[k]}`);
      }
      if (multi.length > 1) ctx.report(Msg.NamespaceMultipleInjectionLabels, ns, 'metadata.labels', multi);
      if (labels[DATAPLANE_MODE_LABEL] === 'ambient') continue;
      if (inj === 'enabled') injected.add(name);
      if (inj || labels[REVISION_LABEL]) continue;
      const byDefault = asObject(injectorValues(ctx, '')?.sidecarInjectorWebhook).enableNamespacesByDefault === true;
      if (byDefault) ctx.report(Msg.NamespaceInjectionEnabledByDefault, ns, 'metadata.name');
      else ctx.report(Msg.NamespaceNotInjected, ns, 'metadata.name', name, name);
    }
    for (const pod of ctx.objects('Pod')) {
      const ns = pod.ref.namespace ?? '';
      if (!injected.has(ns) || namespaceLabels(ctx, ns)[INJECTION_LABEL] !== 'enabled') continue;
      if (pod.spec.hostNetwork === true || injectOptOut(pod.metadata as any)) continue;
      if (!proxyContainer(pod.spec)) ctx.report(Msg.PodMissingProxy, pod, undefined, `${ns}/${pod.ref.name}`);
    }
  },
};
