// applicationUID.Analyzer (Istio analyzers/deployment/pod.go): UID 1337 is the proxy's; an application running
// as 1337 bypasses the traffic capture (IST0144). Istio reports it at the object (one finding per object after
// dedupe), not per container.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import type { RawObject } from '../../config/load/raw-object.ts';
import { labelsOf } from '../util/labels.ts';

const PROXY_UID = 1337;

export const applicationUIDAnalyzer: Analyzer = {
  meta: {
    name: 'applicationUID.Analyzer',
    description: 'Checks invalid application UID',
    inputs: ['Pod', 'Deployment'],
  },
  analyze(ctx) {
    for (const pod of ctx.objects('Pod')) check(ctx, pod, pod.spec);
    for (const dep of ctx.objects('Deployment')) check(ctx, dep, asObject(asObject(dep.spec.template).spec));
  },
};

function check(ctx: AnalysisContext, obj: RawObject, podSpec: Record<string, any>): void {
  const labels = labelsOf(obj);
  if ('istio' in labels || labels.release === 'istio') return;
  if (Number(asObject(podSpec.securityContext).runAsUser) === PROXY_UID) ctx.report(Msg.InvalidApplicationUID, obj, undefined);
  asList(podSpec.containers).map(asObject).forEach((c) => {
    if (c.name === 'istio-proxy' || c.name === 'istio-operator') return;
    if (Number(asObject(c.securityContext).runAsUser) === PROXY_UID) ctx.report(Msg.InvalidApplicationUID, obj, undefined);
  });
}
