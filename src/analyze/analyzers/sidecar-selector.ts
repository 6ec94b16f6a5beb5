// sidecar.SelectorAnalyzer (Istio analyzers/sidecar/selector.go): a Sidecar's workloadSelector must select a pod
// in its namespace (IST0101); two Sidecars selecting one pod (IST0110) or two selector-less Sidecars in one
// namespace (IST0111) are undefined behaviour; Sidecars have no effect on ambient workloads (IST0167).
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asLabels, isEmptyLabels, selectorString, labelsOf, annotationsOf } from '../util/labels.ts';
import { selectedInNamespace } from '../util/indexes.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

export const sidecarSelectorAnalyzer: Analyzer = {
  meta: {
    name: 'sidecar.SelectorAnalyzer',
    description: 'Validates that sidecars that define a workload selector match at least one pod, and that there aren\'t multiple sidecar resources that select overlapping pods',
    inputs: ['Sidecar', 'Pod', 'Namespace'],
    needs: ['Pod'],
  },
  analyze(ctx) {
    const noSelector = new Map<string, RawObject[]>();
    const podSidecars = new Map<RawObject, RawObject[]>();
    for (const sc of ctx.objects('Sidecar')) {
      const ns = sc.ref.namespace ?? '';
      if (namespaceIsAmbient(ctx, ns)) {
        ctx.report(Msg.IneffectivePolicy, sc, undefined, 'namespace is in ambient mode, the policy has no impact');
        continue;
      }
      const sel = asLabels(sc.spec.workloadSelector?.labels);
      if (isEmptyLabels(sel)) {
        noSelector.set(ns, [...(noSelector.get(ns) ?? []), sc]);
        continue;
      }
      const pods = selectedInNamespace(ctx, 'Pod', ns, sel!);
      if (!pods.length) {
        ctx.report(Msg.ReferencedResourceNotFound, sc, 'spec.workloadSelector', 'selector', selectorString(sel));
        continue;
      }
      let ambientReported = false;
      for (const pod of pods) {
        if (annotationsOf(pod)['ambient.istio.io/redirection'] === 'enabled') {
          if (!ambientReported) ctx.report(Msg.IneffectivePolicy, sc, 'spec.workloadSelector', 'selected workload is in ambient mode, the policy has no impact');
          ambientReported = true;
          continue;
        }
        podSidecars.set(pod, [...(podSidecars.get(pod) ?? []), sc]);
      }
    }
    for (const [ns, scs] of noSelector) {
      if (scs.length < 2) continue;
      const names = scs.map((s) => s.ref.name).sort();
      for (const sc of scs) ctx.report(Msg.MultipleSidecarsWithoutWorkloadSelectors, sc, undefined, names, ns);
    }
    for (const [pod, scs] of podSidecars) {
      if (scs.length < 2) continue;
      const names = scs.map((s) => s.ref.name).sort();
      for (const sc of scs) ctx.report(Msg.ConflictingSidecarWorkloadSelectors, sc, 'spec.workloadSelector', names, pod.ref.namespace ?? '', pod.ref.name);
    }
  },
};

/** `istio.io/dataplane-mode=ambient` without `istio-injection=enabled` or a non-empty `istio.io/rev`. */
export function namespaceIsAmbient(ctx: AnalysisContext, ns: string): boolean {
  const labels = labelsOf(ctx.find('Namespace', '', ns));
  return labels['istio.io/dataplane-mode'] === 'ambient' && labels['istio-injection'] !== 'enabled' && !labels['istio.io/rev'];
}
