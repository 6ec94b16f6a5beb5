/**
 * Gateway API backendRefs → VirtualService destinations (Istio `buildDestination`,
 * `buildHTTPDestination` in pilot/pkg/config/kube/gateway/conversion.go).
 *
 * - kind Service (default, group ""): `<name>.<ns>.svc.<domain>`; a name with a dot is rejected.
 * - kind Hostname, group networking.istio.io: the name is the host; namespace may not be set.
 * - any other kind: an empty destination (routes to `UnknownService`) and a ResolvedRefs problem.
 * - a missing port is a hard error (the rule is rejected); a backend that does not exist is a soft one
 *   (the destination stays; Istio answers 500 through `cluster_not_found_response_code`).
 * Mesh routes do not check ReferenceGrants (Istio only enforces them for Gateway parents).
 */
import type { ConvertContext } from './context.ts';
import { ISTIO_NETWORKING_GROUP } from './context.ts';
import type { Json } from './json.ts';

/** `hard` issues reject the whole rule set for the parent; soft ones keep the route. */
export interface ConvertIssue {
  readonly hard: boolean;
  readonly reason: 'InvalidDestination' | 'BackendNotFound' | 'InvalidKind' | 'InvalidFilter' | 'InvalidConfiguration';
  readonly message: string;
  /** Field path inside the route object (`spec.rules[0].backendRefs[1]`). */
  readonly path: string;
}

export interface DestinationResult {
  readonly destination: Json;
  readonly issue?: ConvertIssue;
}

/** Group/kind with Gateway API defaults: a missing group/kind takes the default's. */
export function normalizeGroupKind(ref: Json | null | undefined, defGroup: string, defKind: string): { group: string; kind: string } {
  if (!ref || typeof ref !== 'object') return { group: defGroup, kind: defKind };
  return {
    group: typeof ref.group === 'string' ? ref.group : defGroup,
    kind: typeof ref.kind === 'string' ? ref.kind : defKind,
  };
}

export function buildDestination(refIn: Json | null | undefined, routeNs: string, path: string, ctx: ConvertContext): DestinationResult {
  const ref: Json = refIn && typeof refIn === 'object' ? refIn : {};
  const { group, kind } = normalizeGroupKind(ref, '', 'Service');
  const name = String(ref.name ?? '');
  const ns = typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : routeNs;
  let host: string;
  let issue: ConvertIssue | undefined;
  if (group === '' && kind === 'Service') {
    if (name.includes('.')) return hard('InvalidDestination', 'service name invalid; the name of the Service must be used, not the hostname.', path);
    host = `${name}.${ns}.svc.${ctx.domainSuffix}`;
    if (!ctx.serviceExists(ns, name)) issue = soft('BackendNotFound', `backend(${host}) not found`, path);
  } else if (group === ISTIO_NETWORKING_GROUP && kind === 'Hostname') {
    if (typeof ref.namespace === 'string' && ref.namespace) return hard('InvalidDestination', 'namespace may not be set with Hostname type', `${path}.namespace`);
    host = name;
    if (!ctx.hostnameExists(host)) issue = soft('BackendNotFound', `backend(${host}) not found`, path);
  } else {
    return { destination: {}, issue: soft('InvalidKind', `referencing unsupported backendRef: group "${group}" kind "${kind}"`, path) };
  }
  if (ref.port === undefined || ref.port === null) return hard('InvalidDestination', 'port is required in backendRef', path);
  const port = Number(ref.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return hard('InvalidDestination', `port ${JSON.stringify(ref.port)} is not a port number (1-65535)`, `${path}.port`);
  const destination: Json = { host, port: { number: port } };
  return issue ? { destination, issue } : { destination };
}

function hard(reason: ConvertIssue['reason'], message: string, path: string): DestinationResult {
  return { destination: {}, issue: { hard: true, reason, message, path } };
}

function soft(reason: ConvertIssue['reason'], message: string, path: string): ConvertIssue {
  return { hard: false, reason, message, path };
}

/** HTTPHeaderFilter → Istio header operations: names lower-cased, the first of equal names wins. */
export function headerOperations(f: Json | undefined): Json | undefined {
  if (!f || typeof f !== 'object') return undefined;
  const out: Json = {};
  const add = headerMap(f.add), set = headerMap(f.set);
  if (add) out.add = add;
  if (set) out.set = set;
  if (Array.isArray(f.remove) && f.remove.length) out.remove = f.remove.map(String);
  return out;
}

function headerMap(list: unknown): Record<string, string> | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const h of list) {
    const k = String(h?.name ?? '').toLowerCase();
    if (!(k in out)) out[k] = String(h?.value ?? '');
  }
  return out;
}

/**
 * backendRefs → `route[]`: weight-0 backends are dropped, a single remaining backend gets no weight,
 * per-backend header filters become destination headers. Returns the first issue found.
 */
export function buildRouteDestinations(refs: readonly Json[], routeNs: string, path: string, ctx: ConvertContext): { route: Json[]; issue?: ConvertIssue } {
  const kept = refs.map((r, i) => ({ r, i, w: weightOf(r) })).filter((x) => x.w !== 0);
  const single = kept.length === 1;
  const route: Json[] = [];
  let issue: ConvertIssue | undefined;
  for (const { r, i, w } of kept) {
    const p = `${path}[${i}]`;
    const d = buildDestination(r, routeNs, p, ctx);
    if (d.issue?.hard) return { route: [], issue: d.issue };
    issue ??= d.issue;
    const rd: Json = { destination: d.destination };
    if (!single) rd.weight = w;
    for (const [j, f] of (Array.isArray(r.filters) ? r.filters : []).entries()) {
      const which = f?.type === 'RequestHeaderModifier' ? 'request' : f?.type === 'ResponseHeaderModifier' ? 'response' : undefined;
      if (!which) return { route: [], issue: { hard: true, reason: 'InvalidFilter', message: `unsupported filter type "${f?.type}"`, path: `${p}.filters[${j}]` } };
      const ops = headerOperations(which === 'request' ? f.requestHeaderModifier : f.responseHeaderModifier);
      if (ops) rd.headers = { ...(rd.headers ?? {}), [which]: ops };
    }
    route.push(rd);
  }
  return issue ? { route, issue } : { route };
}

/** `weight` defaults to 1. */
export function weightOf(r: Json): number {
  const w = r?.weight === undefined || r?.weight === null ? 1 : Number(r.weight);
  return Number.isFinite(w) ? w : 1;
}
