// conditions.ConditionAnalyzer (Istio analyzers/conditions/conditions.go): status conditions Istio writes that
// report a problem (IST0171).
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject } from '../util/vs-walk.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

const GATEWAY_API_TYPES = new Set(['Accepted', 'Programmed', 'ResolvedRefs']);

export const conditionAnalyzer: Analyzer = {
  meta: {
    name: 'conditions.ConditionAnalyzer',
    description: 'Checks for negative status conditions on resources',
    inputs: ['Service', 'ServiceEntry', 'WorkloadEntry', 'AuthorizationPolicy', 'KubernetesGateway', 'HTTPRoute', 'GRPCRoute'],
  },
  analyze(ctx) {
    for (const k of ['Service', 'ServiceEntry', 'WorkloadEntry']) {
      for (const o of ctx.objects(k)) report(ctx, o, conditions(o.object.status), (c) => c.type === 'istio.io/WaypointBound' && c.status === 'False');
    }
    for (const ap of ctx.objects('AuthorizationPolicy')) {
      report(ctx, ap, conditions(ap.object.status), (c) =>
        ((c.type === 'ZtunnelAccepted' || c.type === 'WaypointAccepted') && c.status === 'False')
        || (c.type === 'WaypointAccepted' && c.reason === 'PartiallyInvalid'));
    }
    for (const gw of ctx.objects('KubernetesGateway')) report(ctx, gw, conditions(gw.object.status), gatewayApiNegative);
    for (const k of ['HTTPRoute', 'GRPCRoute']) {
      for (const r of ctx.objects(k)) {
        const all = asList(asObject(r.object.status).parents).flatMap((p) => conditions(p));
        report(ctx, r, all, gatewayApiNegative);
      }
    }
  },
};

const gatewayApiNegative = (c: Record<string, any>) => GATEWAY_API_TYPES.has(c.type) && c.status === 'False';

function conditions(status: unknown): Record<string, any>[] {
  return asList(asObject(status).conditions).map(asObject);
}

function report(ctx: AnalysisContext, o: RawObject, conds: Record<string, any>[], negative: (c: Record<string, any>) => boolean): void {
  for (const c of conds) {
    if (negative(c)) ctx.report(Msg.NegativeConditionStatus, o, 'status.conditions', String(c.type ?? ''), String(c.reason ?? ''), String(c.message ?? ''));
  }
}
