// destinationrule.SubsetSelectPodAnalyzer (Istio analyzers/destinationrule/subset.go): the DR host must be a
// known service (IST0174), and each subset must select at least one pod anywhere (IST0173). Pod labels are
// augmented with the node's topology labels, as pilot does.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject, stringList } from '../util/vs-walk.ts';
import { selectorMatches, asLabels, type Labels, labelsOf } from '../util/labels.ts';
import { buildServiceRegistry, lookupDestinationHost } from '../util/service-lookup.ts';

const TOPOLOGY_LABELS = ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone'];

export const subsetSelectPodAnalyzer: Analyzer = {
  meta: {
    name: 'destinationrule.SubsetSelectPodAnalyzer',
    description: 'Checks if the subsets of a DestinationRule select any pods',
    inputs: ['DestinationRule', 'Pod', 'Service', 'ServiceEntry', 'Node'],
    needs: ['Pod', 'Service'],
  },
  analyze(ctx) {
    const reg = buildServiceRegistry(ctx);
    const podLabels = ctx.objects('Pod').map((p) => augmentedLabels(ctx, labelsOf(p), p.spec.nodeName));
    for (const dr of ctx.objects('DestinationRule')) {
      const host = String(dr.spec.host ?? '');
      const entry = lookupDestinationHost(reg, dr.ref.namespace ?? '', stringList(dr.spec.exportTo), host);
      if (!entry) {
        ctx.report(Msg.UnknownDestinationRuleHost, dr, 'spec.host', host);
        continue;
      }
      asList(dr.spec.subsets).forEach((s, i) => {
        const subset = asObject(s);
        const selector = { ...(entry.workloadSelector ?? {}), ...(asLabels(subset.labels) ?? {}) };
        if (!podLabels.some((l) => selectorMatches(selector, l))) ctx.report(Msg.DestinationRuleSubsetNotSelectPods, dr, `spec.subsets[${i}].name`, subset.name);
      });
    }
  },
};

function augmentedLabels(ctx: AnalysisContext, labels: Labels, nodeName: unknown): Labels {
  if (typeof nodeName !== 'string' || !nodeName) return labels;
  const node = ctx.find('Node', '', nodeName);
  const out: Record<string, string> = { ...labels };
  const nl = labelsOf(node);
  for (const k of TOPOLOGY_LABELS) if (nl[k]) out[k] = nl[k];
  out['kubernetes.io/hostname'] = nodeName;
  return out;
}
