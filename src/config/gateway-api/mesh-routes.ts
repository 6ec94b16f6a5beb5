/**
 * Gateway API routes bound to the mesh (GAMMA: parentRefs to a Service / ServiceEntry) → synthetic
 * VirtualServices, the way istiod converts them (`HTTPRouteCollection`, `GRPCRouteCollection`,
 * `mergeHTTPRoutes` in pilot/pkg/config/kube/gateway/route_collections.go):
 *
 * - every rule is split into one route per match; a hard conversion error drops all the route's mesh routes;
 * - one VirtualService per (route namespace, parent port, parent host), `gateways: [mesh]`, `hosts: [host]`;
 *   routes of several HTTPRoutes with the same key are merged (oldest first, then Gateway API precedence
 *   order) into a VirtualService named `<ns>~[<port>~]<host>`, created at the oldest route's time;
 * - a parentRef `port` becomes a match on that port;
 * - producer routes (route namespace = Service namespace) keep the mesh's default exportTo; consumer
 *   routes are only visible in the route's namespace (Istio keeps them out of other namespaces' sidecar
 *   virtual hosts: "Gateway allows only routes from the namespace of the proxy, or namespace of the
 *   destination", route.go buildSidecarVirtualHostsForVirtualService).
 *
 * The VirtualServices carry Istio's internal annotations (`internal.istio.io/route-semantics: gateway`,
 * `internal.istio.io/parents: HTTPRoute/<name>.<ns>,…`) and the first route's source location.
 */
import type { Diagnostic } from '../../core/diagnostic.ts';
import type { RawObject } from '../load/raw-object.ts';
import { locate } from '../load/raw-object.ts';
import type { ConfigSnapshot } from '../snapshot.ts';
import type { ConvertIssue } from './backends.ts';
import { GatewayApiCodes } from './codes.ts';
import { contextFromSnapshot, gatewayApiObjects, type ConvertContext } from './context.ts';
import { convertGrpcRule } from './grpc-rules.ts';
import { convertHttpRule } from './http-rules.ts';
import type { Json } from './json.ts';
import { meshParents, type MeshParent } from './parents.ts';
import { sortHttpRoutes, withPortMatch } from './route-order.ts';
import { validateRoute } from './validate-route.ts';
import { ROUTE_SEMANTICS_ANNOTATION, syntheticObject } from '../ingress/synthetic.ts';

/** Istio's internal route-semantics annotation, shared with the Ingress converter (value `gateway` here). */
export { ROUTE_SEMANTICS_ANNOTATION };

export const PARENTS_ANNOTATION = 'internal.istio.io/parents';

export interface GatewayApiConversion {
  /** Synthetic `networking.istio.io/v1` VirtualServices, sorted by namespace and name. */
  readonly virtualServices: readonly RawObject[];
  readonly diagnostics: readonly Diagnostic[];
}

/** One route's contribution to one merge key. */
interface KeyedRoutes {
  readonly key: string;
  readonly host: string;
  readonly parent: MeshParent;
  readonly route: RawObject;
  readonly http: readonly Json[];
}

function diag(route: RawObject, c: { code: string; severity: Diagnostic['severity'] }, message: string, path: string): Diagnostic {
  return { ...c, message, resource: route.ref, path, source: locate(route, path) };
}

/** The mesh routes of one HTTPRoute/GRPCRoute (Istio's `computeRoute` with mesh = true). */
function convertRules(route: RawObject, ctx: ConvertContext, issues: ConvertIssue[]): Json[] | undefined {
  const ns = route.ref.namespace ?? 'default';
  const rules: Json[] = Array.isArray(route.spec.rules) ? route.spec.rules : [];
  const out: Json[] = [];
  for (const [n, rule] of rules.entries()) {
    const rulePath = `spec.rules[${n}]`;
    const matches: (Json | undefined)[] = Array.isArray(rule?.matches) && rule.matches.length ? rule.matches : [undefined];
    for (const [mi, m] of matches.entries()) {
      const r = route.kind === 'GRPCRoute'
        ? convertGrpcRule(rule ?? {}, m, `${rulePath}.matches[${mi}]`, n, ns, route.ref.name, rulePath, ctx)
        : convertHttpRule(rule ?? {}, m, n, ns, route.ref.name, rulePath, ctx);
      issues.push(...r.issues);
      if (!r.route) return undefined;
      out.push(r.route);
    }
  }
  return out;
}

function keyedRoutes(route: RawObject, ctx: ConvertContext, diagnostics: Diagnostic[]): KeyedRoutes[] {
  const ns = route.ref.namespace ?? 'default';
  const invalid = validateRoute(route.kind as 'HTTPRoute' | 'GRPCRoute', route.spec);
  for (const p of invalid) diagnostics.push(diag(route, GatewayApiCodes.InvalidRouteSchema, `${p.path}: ${p.message}`, p.path));
  if (invalid.length) return [];
  const parents = meshParents(route.spec.parentRefs, ns, ctx);
  for (const p of parents.problems) {
    const code = p.kind === 'notSupported' ? GatewayApiCodes.ParentNotSupported : GatewayApiCodes.ParentNotAccepted;
    diagnostics.push(diag(route, code, p.message, `spec.parentRefs[${p.index}]`));
  }
  if (parents.mesh.length === 0) return [];
  const issues: ConvertIssue[] = [];
  const http = convertRules(route, ctx, issues);
  for (const i of issues) {
    const code = i.hard ? GatewayApiCodes.InvalidRoute : GatewayApiCodes.BackendNotResolved;
    diagnostics.push(diag(route, code, i.hard ? `${i.message}; the route is not applied to the mesh` : i.message, i.path));
  }
  if (!http || http.length === 0) return [];
  const out: KeyedRoutes[] = [];
  for (const parent of parents.mesh) {
    const routes = parent.port !== undefined ? withPortMatch(http, parent.port) : http;
    const keyBase = parent.port !== undefined ? `${ns}/${parent.port}` : ns;
    for (const host of parent.hosts) out.push({ key: `${keyBase}/${host}`, host, parent, route, http: sortHttpRoutes(routes) });
  }
  return out;
}

/** Istio `sortRoutesByCreationTime`: creation time, namespace, name. */
function compareRoutes(a: RawObject, b: RawObject): number {
  const ta = String(a.metadata.creationTimestamp ?? ''), tb = String(b.metadata.creationTimestamp ?? '');
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = `${a.ref.namespace}/${a.ref.name}`, nb = `${b.ref.namespace}/${b.ref.name}`;
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Merge the contributions of one key into one VirtualService. */
function mergedVirtualService(key: string, parts: KeyedRoutes[], defaultExportTo: readonly string[]): RawObject {
  const sorted = [...parts].sort((a, b) => compareRoutes(a.route, b.route));
  const first = sorted[0]!;
  const ns = first.route.ref.namespace ?? 'default';
  const name = key.replace(/\//g, '~');
  const http = sortHttpRoutes(sorted.flatMap((p) => p.http));
  const spec: Json = { hosts: [first.host], gateways: ['mesh'], http };
  // Consumer routes (not in the parent's namespace) only apply to clients of their own namespace — when the
  // mesh default makes them visible there at all (istiod honours only `.` and `*` as defaults).
  if (first.parent.namespace !== ns && (defaultExportTo.includes('*') || defaultExportTo.includes('.'))) spec.exportTo = [ns];
  const annotations = {
    [ROUTE_SEMANTICS_ANNOTATION]: 'gateway',
    [PARENTS_ANNOTATION]: sorted.map((p) => `${p.route.kind}/${p.route.ref.name}.${ns}`).join(','),
  };
  // Sluice's provenance annotation (`sluice.io/derived-from`) and `source` come from syntheticObject.
  return syntheticObject({
    kind: 'VirtualService', name, namespace: ns, spec, annotations, from: sorted.map((p) => p.route),
    creationTimestamp: first.route.metadata.creationTimestamp,
  });
}

/** Convert every mesh-bound HTTPRoute and GRPCRoute of the snapshot. Pure. */
export function convertMeshRoutes(snapshot: ConfigSnapshot): GatewayApiConversion {
  const routes = [...gatewayApiObjects(snapshot, 'HTTPRoute'), ...gatewayApiObjects(snapshot, 'GRPCRoute')];
  if (routes.length === 0) return { virtualServices: [], diagnostics: [] };
  const ctx = contextFromSnapshot(snapshot);
  const diagnostics: Diagnostic[] = [];
  // HTTPRoutes and GRPCRoutes are merged separately (two collections in istiod).
  const byKey = new Map<string, KeyedRoutes[]>();
  for (const route of routes) {
    for (const k of keyedRoutes(route, ctx, diagnostics)) {
      const key = `${route.kind}|${k.key}`;
      const list = byKey.get(key);
      if (list) list.push(k);
      else byKey.set(key, [k]);
    }
  }
  const defaultExportTo = snapshot.meshConfig.defaultVirtualServiceExportTo;
  const virtualServices = [...byKey.values()].map((parts) => mergedVirtualService(parts[0]!.key, parts, defaultExportTo));
  virtualServices.sort((a, b) => {
    const ka = `${a.ref.namespace}/${a.ref.name}`, kb = `${b.ref.namespace}/${b.ref.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { virtualServices, diagnostics };
}
