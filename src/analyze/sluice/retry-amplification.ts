// SLU0002 RetryAmplification: retries that multiply load or repeat side effects.
// (a) A route restricted to non-idempotent methods (POST, PATCH) retrying on 5xx-class conditions: the upstream
//     may already have acted on the request, so a retry repeats it.
// (b) Retries compounding across hops: a gateway route retrying calls to host H (1 + Ag tries), and H's mesh
//     route retrying again (1 + Am tries) → up to (1 + Ag) × (1 + Am) upstream attempts per client request.
//     Routes without `retries` count with Istio's default of 2 retries. Above `--retry-budget` (default 10) → warning.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject, stringList } from '../util/vs-walk.ts';
import { convertHostToFQDN } from '../util/fqdn.ts';
import { fiveXxConditions, nonIdempotentMethods, retryAttempts } from './retries.ts';
import type { RawObject } from '../../config/load/raw-object.ts';

export const retryAmplificationAnalyzer: Analyzer = {
  meta: { name: 'sluice.RetryAmplification', description: 'Retries of non-idempotent requests, and retries compounding across gateway and mesh routes (SLU0002)', inputs: ['VirtualService'] },
  analyze(ctx) {
    for (const vs of ctx.objects('VirtualService')) checkNonIdempotent(ctx, vs);
    checkCompounding(ctx);
  },
};

function checkNonIdempotent(ctx: AnalysisContext, vs: RawObject): void {
  asList(vs.spec.http).map(asObject).forEach((rule, i) => {
    const conditions = fiveXxConditions(rule);
    if (!conditions.length || retryAttempts(rule, ctx.mesh) === 0) return;
    const methods = nonIdempotentMethods(asList(rule.match).map(asObject));
    if (!methods.length) return;
    ctx.report(Msg.RetryAmplification, vs, `spec.http[${i}].retries.retryOn`,
      `HTTP route spec.http[${i}] matches ${methods.join('/')} requests and retries them on ${conditions.join(',')}: the upstream may already have processed a request that then fails with a 5xx, so a retry repeats its side effects (retry only on connect-failure,refused-stream,reset-before-request for non-idempotent methods).`);
  });
}

const isMeshBound = (vs: RawObject) => { const g = stringList(vs.spec.gateways); return !g.length || g.includes('mesh'); };

function checkCompounding(ctx: AnalysisContext): void {
  const meshRoutes = new Map<string, { vs: RawObject; index: number; attempts: number }[]>();
  for (const vs of ctx.objects('VirtualService')) {
    if (!isMeshBound(vs)) continue;
    const ns = vs.ref.namespace ?? '';
    for (const h of stringList(vs.spec.hosts)) {
      const list = meshRoutes.get(convertHostToFQDN(ns, h)) ?? [];
      asList(vs.spec.http).map(asObject).forEach((rule, index) => list.push({ vs, index, attempts: retryAttempts(rule, ctx.mesh) }));
      meshRoutes.set(convertHostToFQDN(ns, h), list);
    }
  }
  const budget = ctx.options.retryBudget;
  for (const vs of ctx.objects('VirtualService')) {
    if (!stringList(vs.spec.gateways).some((g) => g !== 'mesh')) continue;
    const ns = vs.ref.namespace ?? '';
    asList(vs.spec.http).map(asObject).forEach((rule, i) => {
      const ag = retryAttempts(rule, ctx.mesh);
      const hosts = new Set(asList(rule.route).map((r) => asObject(asObject(r).destination).host).filter((h): h is string => typeof h === 'string'));
      for (const host of [...hosts].sort()) {
        const downstream = meshRoutes.get(convertHostToFQDN(ns, host)) ?? [];
        const worst = downstream.reduce((m, r) => (r.attempts > m.attempts ? r : m), { vs, index: -1, attempts: -1 });
        if (worst.index < 0) continue;
        const total = (1 + ag) * (1 + worst.attempts);
        if (total <= budget) continue;
        ctx.report(Msg.RetryAmplification, vs, `spec.http[${i}]`,
          `gateway route spec.http[${i}] makes up to ${1 + ag} tries to ${host}, whose mesh route ${worst.vs.ref.namespace}/${worst.vs.ref.name} spec.http[${worst.index}] makes up to ${1 + worst.attempts} tries each: ${total} upstream attempts per request, over the retry budget of ${budget} (--retry-budget).`);
      }
    });
  }
}
