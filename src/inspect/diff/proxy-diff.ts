import type { Json, ProxyConfig } from '../../envoy/types.ts';
import { parseClusterName } from '../proxy-config/describe-helpers.ts';
import { deepDiff, renderPath, type FieldChange } from './deep-diff.ts';

/**
 * What changes in one proxy's Envoy config between two revisions: resources added, removed or
 * changed per xDS type, each change as readable field paths, with the Istio resource behind it
 * (`filter_metadata.istio.config` on the route or cluster). istio/istio#28825, #31185.
 */
export type ResourceType = 'listener' | 'route' | 'cluster' | 'endpoint';

export interface IstioRef { readonly kind: string; readonly namespace: string; readonly name: string }

export interface Change {
  readonly type: ResourceType;
  readonly op: 'added' | 'removed' | 'changed';
  /** The Envoy resource (and, for routes, `config/vhost/route`). */
  readonly resource: string;
  /** One-line description of the field changes (empty for added/removed). */
  readonly summary: string;
  readonly fields: readonly { path: string; old?: unknown; new?: unknown }[];
  readonly istio?: IstioRef;
}

const KINDS: Record<string, string> = {
  'virtual-service': 'VirtualService', 'destination-rule': 'DestinationRule', 'service-entry': 'ServiceEntry',
  gateway: 'Gateway', sidecar: 'Sidecar', 'envoy-filter': 'EnvoyFilter', 'http-route': 'HTTPRoute',
};

export function istioRefOf(metadata: Json | undefined): IstioRef | undefined {
  const path = metadata?.filter_metadata?.istio?.config;
  if (typeof path !== 'string') return undefined;
  const p = path.split('/');
  // /apis/<group>/<version>/namespaces/<ns>/<kind>/<name>
  if (p.length !== 8 || p[4] !== 'namespaces') return undefined;
  return { kind: KINDS[p[6]!] ?? p[6]!, namespace: p[5]!, name: p[7]! };
}

const TYPES: readonly { type: ResourceType; items: (pc: ProxyConfig) => readonly Json[]; key: (r: Json) => string }[] = [
  { type: 'listener', items: (pc) => pc.listeners, key: (r) => r.name },
  { type: 'route', items: (pc) => pc.routes, key: (r) => r.name },
  { type: 'cluster', items: (pc) => pc.clusters, key: (r) => r.name },
  { type: 'endpoint', items: (pc) => pc.endpoints, key: (r) => r.cluster_name },
];

export function diffProxyConfigs(oldPc: ProxyConfig, newPc: ProxyConfig): Change[] {
  const changes: Change[] = [];
  for (const t of TYPES) {
    const before = new Map(t.items(oldPc).map((r) => [t.key(r), r]));
    const after = new Map(t.items(newPc).map((r) => [t.key(r), r]));
    for (const name of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      const a = before.get(name), b = after.get(name);
      if (!a) changes.push({ type: t.type, op: 'added', resource: name, summary: '', fields: [], istio: istioRefOf(b!.metadata) });
      else if (!b) changes.push({ type: t.type, op: 'removed', resource: name, summary: '', fields: [], istio: istioRefOf(a.metadata) });
      else changes.push(...changedResource(t.type, name, a, b));
    }
  }
  return changes;
}

/** Split a resource's field changes by route (for route configs) and summarise each group. */
function changedResource(type: ResourceType, name: string, a: Json, b: Json): Change[] {
  const fields = deepDiff(a, b);
  if (!fields.length) return [];
  const groups = new Map<string, { resource: string; fields: FieldChange[]; istio?: IstioRef }>();
  for (const f of fields) {
    const g = groupOf(type, name, f, a, b);
    let entry = groups.get(g.resource);
    if (!entry) groups.set(g.resource, (entry = { resource: g.resource, fields: [], istio: g.istio }));
    entry.fields.push({ ...f, path: g.rest });
  }
  return [...groups.values()].map((g) => ({
    type, op: 'changed' as const, resource: g.resource, summary: summarize(g.fields),
    fields: g.fields.map((f) => ({ path: renderPath(f.path), old: f.old, new: f.new })), istio: g.istio,
  }));
}

function groupOf(type: ResourceType, name: string, f: FieldChange, a: Json, b: Json): { resource: string; rest: string[]; istio?: IstioRef } {
  const p = f.path;
  if (type === 'route' && p[0] === 'virtual_hosts' && p[2] === 'routes' && p[3]) {
    const vh = p[1]!.slice(1, -1), route = p[3].slice(1, -1);
    const obj = findRoute(b, vh, route) ?? findRoute(a, vh, route);
    return { resource: `${name}/${vh}/${route}`, rest: p.slice(4), istio: istioRefOf(obj?.metadata) };
  }
  if (type === 'route' && p[0] === 'virtual_hosts' && p[1]) return { resource: `${name}/${p[1].slice(1, -1)}`, rest: p.slice(2) };
  return { resource: name, rest: [...p], istio: istioRefOf((b ?? a).metadata) };
}

function findRoute(rc: Json, vh: string, route: string): Json | undefined {
  const v = (rc.virtual_hosts ?? []).find((x: Json) => x.name === vh) ?? (rc.virtual_hosts ?? [])[Number(vh)];
  return (v?.routes ?? []).find((r: Json) => r.name === route) ?? (v?.routes ?? [])[Number(route)];
}

const short = (v: unknown): string => {
  if (v === undefined) return '∅';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** `weighted_clusters: v1 90→80, v2 10→20`, else `path: old→new; …`. */
export function summarize(fields: readonly FieldChange[]): string {
  const parts: string[] = [];
  const weights: string[] = [];
  for (const f of fields) {
    const i = f.path.indexOf('weighted_clusters');
    if (i >= 0 && f.path[i + 1] === 'clusters' && f.path[i + 2]?.startsWith('[')) {
      const cluster = f.path[i + 2]!.slice(1, -1);
      const k = parseClusterName(cluster);
      const label = k.istio && k.subset ? k.subset : cluster;
      const rest = f.path.slice(i + 3);
      if (rest.length === 1 && rest[0] === 'weight') { weights.push(`${label} ${short(f.old)}→${short(f.new)}`); continue; }
      if (rest.length === 0) { weights.push(f.old === undefined ? `+${label} ${short((f.new as Json)?.weight)}` : `-${label} ${short((f.old as Json)?.weight)}`); continue; }
    }
    parts.push(`${renderPath(f.path) || '(value)'}: ${short(f.old)}→${short(f.new)}`);
  }
  if (weights.length) parts.unshift(`weighted_clusters: ${weights.join(', ')}`);
  return parts.join('; ');
}
