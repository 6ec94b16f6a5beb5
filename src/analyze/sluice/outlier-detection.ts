// SLU0005 AggressiveOutlierDetection: outlier detection that can eject every endpoint of a service. With
// maxEjectionPercent 100 and only a few endpoints, one bad minute ejects them all and the cluster has no healthy
// host (503 UH, or panic routing); consecutive errors of 1 ejects a host on its first failure.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import { asLabels, selectorMatches } from '../util/labels.ts';
import { serviceForHost, workloadsOfService, type Workload } from '../util/workloads.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

/** At or below this many endpoints, ejecting 100% is "few endpoints". */
export const FEW_ENDPOINTS = 3;
const ERROR_FIELDS = ['consecutive5xxErrors', 'consecutiveGatewayErrors', 'consecutiveErrors'];

export const outlierDetectionAnalyzer: Analyzer = {
  meta: { name: 'sluice.AggressiveOutlierDetection', description: 'Outlier detection able to eject every endpoint of a small service (SLU0005)', inputs: ['DestinationRule', 'Service', 'Pod', 'Deployment'] },
  analyze(ctx) {
    for (const dr of ctx.objects('DestinationRule')) {
      const svc = serviceForHost(ctx, dr.ref.namespace ?? '', String(dr.spec.host ?? ''));
      const pods = svc ? workloadsOfService(ctx, svc) : undefined;
      check(ctx, dr, asObject(dr.spec.trafficPolicy), 'spec.trafficPolicy', pods);
      asList(dr.spec.subsets).map(asObject).forEach((s, i) => {
        const subsetPods = pods?.filter((p) => selectorMatches(asLabels(s.labels), p.labels));
        const policy = asObject(s.trafficPolicy);
        check(ctx, dr, policy, `spec.subsets[${i}].trafficPolicy`, subsetPods);
      });
    }
  },
};

function check(ctx: AnalysisContext, dr: RawObject, policy: Record<string, any>, base: string, workloads: Workload[] | undefined): void {
  const od = policy.outlierDetection;
  if (!od || typeof od !== 'object') return;
  const path = `${base}.outlierDetection`;
  for (const f of ERROR_FIELDS) {
    if (Number(od[f]) === 1) {
      ctx.report(Msg.AggressiveOutlierDetection, dr, `${path}.${f}`, `outlierDetection.${f}: 1 ejects an endpoint on its first error; a single failed request takes a healthy host out of rotation (use 3–5).`);
    }
  }
  const max = Number(od.maxEjectionPercent);
  const endpoints = workloads?.reduce((n, w) => n + w.replicas, 0) ?? 0;
  if (max >= 100 && endpoints > 0 && endpoints <= FEW_ENDPOINTS) {
    ctx.report(Msg.AggressiveOutlierDetection, dr, `${path}.maxEjectionPercent`, `outlierDetection.maxEjectionPercent: ${max} with only ${endpoints} endpoint${endpoints > 1 ? 's' : ''} for ${dr.spec.host}: every endpoint can be ejected at once, leaving no healthy host (503 UH); keep it below 100 or add endpoints.`);
  }
}
