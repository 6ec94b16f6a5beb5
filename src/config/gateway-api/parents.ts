/**
 * HTTPRoute/GRPCRoute parentRefs (Istio `extractParentReferenceInfo`, `referenceAllowed`): a Service
 * (group "") or ServiceEntry (group networking.istio.io) parent binds the route to the mesh; the parent
 * must exist. The group defaults to gateway.networking.k8s.io and the kind to Gateway, so a Service parent
 * must say `group: ""`. Gateway parents are not translated by Sluice yet.
 */
import type { ConvertContext } from './context.ts';
import { GATEWAY_API_GROUP, ISTIO_NETWORKING_GROUP } from './context.ts';
import { normalizeGroupKind } from './backends.ts';
import type { Json } from './json.ts';

export interface MeshParent {
  readonly kind: 'Service' | 'ServiceEntry';
  readonly name: string;
  readonly namespace: string;
  readonly port?: number;
  /** The hosts the generated VirtualServices are for. */
  readonly hosts: readonly string[];
  /** Index in `spec.parentRefs`. */
  readonly index: number;
}

export interface ParentProblem {
  readonly index: number;
  readonly kind: 'notAccepted' | 'notSupported';
  readonly message: string;
}

export interface ParentsResult {
  readonly mesh: MeshParent[];
  readonly problems: ParentProblem[];
}

/** Istio's `parentRefString`: the order parents are processed in. */
function parentSortKey(p: Json, routeNs: string): string {
  const { group, kind } = normalizeGroupKind(p, GATEWAY_API_GROUP, 'Gateway');
  return `${group}/${kind}/${p.name ?? ''}/${p.sectionName ?? ''}/${p.port ?? ''}.${p.namespace || routeNs}`;
}

export function meshParents(parentRefs: unknown, routeNs: string, ctx: ConvertContext): ParentsResult {
  const refs: Json[] = Array.isArray(parentRefs) ? parentRefs : [];
  const indexed = refs.map((p, index) => ({ p: p ?? {}, index })).sort((a, b) => {
    const ka = parentSortKey(a.p, routeNs), kb = parentSortKey(b.p, routeNs);
    return ka < kb ? -1 : ka > kb ? 1 : a.index - b.index;
  });
  const mesh: MeshParent[] = [], problems: ParentProblem[] = [];
  for (const { p, index } of indexed) {
    const { group, kind } = normalizeGroupKind(p, GATEWAY_API_GROUP, 'Gateway');
    const name = String(p.name ?? '');
    const namespace = typeof p.namespace === 'string' && p.namespace ? p.namespace : routeNs;
    const port = Number.isInteger(Number(p.port)) && p.port !== null && p.port !== '' ? Number(p.port) : undefined;
    const base = { name, namespace, index, ...(port !== undefined ? { port } : {}) };
    if (group === '' && kind === 'Service') {
      if (!ctx.serviceExists(namespace, name)) problems.push({ index, kind: 'notAccepted', message: `parent service: "${name}" not found` });
      else mesh.push({ ...base, kind: 'Service', hosts: [`${name}.${namespace}.svc.${ctx.domainSuffix}`] });
    } else if (group === ISTIO_NETWORKING_GROUP && kind === 'ServiceEntry') {
      const hosts = ctx.serviceEntryHosts(namespace, name);
      if (!hosts) problems.push({ index, kind: 'notAccepted', message: `parent service entry: "${name}" not found` });
      else mesh.push({ ...base, kind: 'ServiceEntry', hosts });
    } else if (group === GATEWAY_API_GROUP && (kind === 'Gateway' || kind === 'XListenerSet')) {
      problems.push({ index, kind: 'notSupported', message: `parent ${kind} ${namespace}/${name}: Gateway API gateways are not translated by Sluice; only Service/ServiceEntry (mesh) parents are` });
    }
    // Other kinds: "maybe it is for another controller" — ignored, as Istio does.
  }
  return { mesh, problems };
}
