// injection.ImageAutoAnalyzer (Istio analyzers/injection/image-auto.go): `image: auto` is only replaced by the
// injector. A Pod still carrying it was never injected (IST0147); a Deployment that no Istio webhook selects
// will never be (IST0146).
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { allContainers, namespaceLabels } from '../util/injection.ts';
import { labelSelectorMatches } from '../util/label-selector.ts';

export const imageAutoAnalyzer: Analyzer = {
  meta: {
    name: 'injection.ImageAutoAnalyzer',
    description: 'Makes sure that Pods and Deployments with `image: auto` are going to be injected',
    inputs: ['Namespace', 'Pod', 'Deployment', 'MutatingWebhookConfiguration'],
    needs: ['MutatingWebhookConfiguration'],
  },
  analyze(ctx) {
    for (const pod of ctx.objects('Pod')) {
      if (hasImageAuto(pod.spec)) ctx.report(Msg.ImageAutoWithoutInjectionError, pod, undefined, 'Pod', pod.ref.name);
    }
    for (const dep of ctx.objects('Deployment')) {
      const template = asObject(dep.spec.template);
      if (!hasImageAuto(asObject(template.spec))) continue;
      const nsLabels = namespaceLabels(ctx, dep.ref.namespace ?? '');
      const tplLabels = asObject(asObject(template.metadata).labels) as Record<string, string>;
      if (!matchesWebhook(ctx, nsLabels, tplLabels)) ctx.report(Msg.ImageAutoWithoutInjectionWarning, dep, 'spec.template', 'Deployment', dep.ref.name);
    }
  },
};

function hasImageAuto(spec: Record<string, any>): boolean {
  return allContainers(spec).some((c) => c.name === 'istio-proxy' && c.image === 'auto');
}

function matchesWebhook(ctx: AnalysisContext, nsLabels: Readonly<Record<string, string>>, objLabels: Readonly<Record<string, string>>): boolean {
  for (const mwc of ctx.objects('MutatingWebhookConfiguration')) {
    for (const wh of asList(mwc.object.webhooks).map(asObject)) {
      if (typeof wh.name !== 'string' || !wh.name.endsWith('istio.io')) continue;
      if (labelSelectorMatches(wh.namespaceSelector, nsLabels) && labelSelectorMatches(wh.objectSelector, objLabels)) return true;
    }
  }
  return false;
}
