// SLU0002 RetryAmplification: retries that multiply load or repeat side effects.
// (a) A route restricted to non-idempotent methods (POST, PATCH) retrying on 5xx-class conditions: the upstream
//     may already have acted on the request, so a retry repeats it.
// (b) Retries compounding across hops, (1 + A1) × (1 + A2) attempts per client request above `--retry-budget`
//     (default 10). Routes without `retries` count with Istio's default of 2 retries. Two chains are checked:
//     - a gateway route retrying calls to host H, and the mesh route of H (the definition: the retries
//       configured for calls to H inside the mesh, which multiply when the gateway's traffic reaches H through
//       another in-mesh hop);
//     - a mesh route sending host X to a gateway's Service (the egress-gateway pattern), and that gateway's
//       route for X retrying again — a chain the config determines completely.
import type { Analyzer, AnalysisContext } from '../types.ts';
import { Msg } from '../messages.ts';
import { asList, asObject, stringList } from '../util/vs-walk.ts';
import { convertHostToFQDN } from '../util/fqdn.ts';
import { fiveXxConditions, nonIdempotentMethods, retryAttempts } from './retries.ts';
import type { RawObject } from '../../config/load/raw-object.ts';
import { podsOfService, serviceForHost } from '../util/workloads.ts';
import { asLabels } from '../util/labels.ts';
import { hostsMatch } from '../../model/hosts.ts';
import { memo, selectedAnywhere } from '../util/indexes.ts';

export const retryAmplificationAnalyzer: Analyzer = {
  meta: { name: 'sluice.RetryAmplification', description: 'Retries of non-idempotent requests, and retries compounding across gateway and mesh routes (SLU0002)', inputs: ['VirtualService', 'Gateway', 'Service', 'Pod'] },
  analyze(ctx) {
    for (const vs of ctx.objects('VirtualService')) checkNonIdempotent(ctx, vs);
    checkCompounding(ctx);
    checkGatewayChains(ctx);
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
      asList(vs.spec.http).map(asObject).forEach((rule, index) => {
        // A mesh route into a gateway is the other chain (checkGatewayChains); count it there only.
        if (!routesToGateway(ctx, ns, rule)) list.push({ vs, index, attempts: retryAttempts(rule, ctx.mesh) });
      });
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

function routesToGateway(ctx: AnalysisContext, ns: string, rule: Record<string, any>): boolean {
  return asList(rule.route).some((r) => {
    const host = asObject(asObject(r).destination).host;
    const svc = typeof host === 'string' ? serviceForHost(ctx, ns, host) : undefined;
    return !!svc && gatewaysBehind(ctx, svc).length > 0;
  });
}

const GATEWAYS_BY_POD = {};

/** `ns/name` of the Gateways whose selector picks pods behind the Service. */
function gatewaysBehind(ctx: AnalysisContext, svc: RawObject): string[] {
  const byPod = memo(ctx.objects('Gateway'), GATEWAYS_BY_POD, () => {
    const m = new Map<RawObject, string[]>();
    for (const gw of ctx.objects('Gateway')) {
      for (const pod of selectedAnywhere(ctx, 'Pod', asLabels(gw.spec.selector))) m.set(pod, [...(m.get(pod) ?? []), `${gw.ref.namespace}/${gw.ref.name}`]);
    }
    return m;
  });
  return [...new Set(podsOfService(ctx, svc).flatMap((p) => byPod.get(p) ?? []))];
}

/** Mesh route → a gateway's Service → that gateway's VirtualService route for the same host. */
function checkGatewayChains(ctx: AnalysisContext): void {
  const budget = ctx.options.retryBudget;
  for (const vs of ctx.objects('VirtualService')) {
    if (!isMeshBound(vs)) continue;
    const ns = vs.ref.namespace ?? '';
    const hosts = stringList(vs.spec.hosts);
    asList(vs.spec.http).map(asObject).forEach((rule, i) => {
      const am = retryAttempts(rule, ctx.mesh);
      for (const r of asList(rule.route).map(asObject)) {
        const dest = asObject(r.destination).host;
        if (typeof dest !== 'string') continue;
        const svc = serviceForHost(ctx, ns, dest);
        if (!svc) continue;
        for (const next of gatewayRoutesBehind(ctx, svc, hosts)) {
          const total = (1 + am) * (1 + next.attempts);
          if (total <= budget) continue;
          ctx.report(Msg.RetryAmplification, vs, `spec.http[${i}]`,
            `mesh route spec.http[${i}] makes up to ${1 + am} tries to gateway service ${dest}, whose route ${next.vs.ref.namespace}/${next.vs.ref.name} spec.http[${next.index}] on gateway ${next.gateway} makes up to ${1 + next.attempts} tries each: ${total} upstream attempts per request, over the retry budget of ${budget} (--retry-budget).`);
        }
      }
    });
  }
}

interface GatewayRoute { vs: RawObject; index: number; attempts: number; gateway: string }

/** The worst-retrying route of each gateway VirtualService served by the pods behind `svc`, for one of `hosts`. */
function gatewayRoutesBehind(ctx: AnalysisContext, svc: RawObject, hosts: readonly string[]): GatewayRoute[] {
  const gateways = gatewaysBehind(ctx, svc);
  if (!gateways.length) return [];
  const out: GatewayRoute[] = [];
  for (const gvs of ctx.objects('VirtualService')) {
    const gns = gvs.ref.namespace ?? '';
    const bound = stringList(gvs.spec.gateways).map((g) => (g.includes('/') ? g : `${gns}/${g}`)).find((g) => gateways.includes(g));
    if (!bound || !stringList(gvs.spec.hosts).some((h) => hosts.some((x) => hostsMatch(h, x)))) continue;
    let worst: GatewayRoute | undefined;
    asList(gvs.spec.http).map(asObject).forEach((rule, index) => {
      const attempts = retryAttempts(rule, ctx.mesh);
      if (!worst || attempts > worst.attempts) worst = { vs: gvs, index, attempts, gateway: bound };
    });
    if (worst) out.push(worst);
  }
  return out;
}
