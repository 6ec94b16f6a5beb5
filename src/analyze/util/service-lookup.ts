/**
 * The analyzers' own service registry (Istio `analyzers/util/service_lookup.go`), not pilot's:
 * ServiceEntry hosts and Kubernetes Services keyed `<scope>/<fqdn>`, scope from exportTo.
 */
import type { RawObject } from '../../config/load/raw-object.ts';
import type { AnalysisContext } from '../types.ts';
import { convertHostToFQDN } from './fqdn.ts';
import { annotationsOf, asLabels } from './labels.ts';

export interface RegistryPort { readonly number: number; readonly name?: string; readonly protocol?: string }

export interface RegistryEntry {
  readonly hosts: readonly string[];
  readonly ports: readonly RegistryPort[];
  /** ServiceEntry workloadSelector labels (Kubernetes Services have none). */
  readonly workloadSelector?: Readonly<Record<string, string>>;
  readonly origin: RawObject;
}

export interface ServiceRegistry {
  readonly byKey: ReadonlyMap<string, RegistryEntry>;
  /** Wildcard hosts (`*.example.com`) with their scope. */
  readonly wildcards: readonly { scope: string; host: string; entry: RegistryEntry }[];
}

const EXPORT_TO_ANNOTATION = 'networking.istio.io/exportTo';

export function buildServiceRegistry(ctx: AnalysisContext): ServiceRegistry {
  const byKey = new Map<string, RegistryEntry>();
  const wildcards: { scope: string; host: string; entry: RegistryEntry }[] = [];
  const add = (scopes: readonly string[], fqdn: string, entry: RegistryEntry) => {
    for (const s of scopes) {
      byKey.set(`${s}/${fqdn}`, entry);
      if (fqdn.startsWith('*')) wildcards.push({ scope: s, host: fqdn, entry });
    }
  };
  for (const se of ctx.objects('ServiceEntry')) {
    const ns = se.ref.namespace ?? '';
    const exportTo = strings(se.spec.exportTo);
    const scopes = !exportTo.length || exportTo.includes('*') ? ['*'] : exportTo.map((e) => (e === '.' ? ns : e));
    const entry: RegistryEntry = {
      hosts: strings(se.spec.hosts),
      ports: (Array.isArray(se.spec.ports) ? se.spec.ports : []).map((p: any) => ({ number: Number(p?.number), name: p?.name, protocol: p?.protocol })),
      workloadSelector: asLabels(se.spec.workloadSelector?.labels),
      origin: se,
    };
    for (const h of entry.hosts) add(scopes, convertHostToFQDN(ns, h), entry);
  }
  for (const svc of ctx.objects('Service')) {
    const ns = svc.ref.namespace ?? '';
    const ann = annotationsOf(svc)[EXPORT_TO_ANNOTATION];
    const scopes = typeof ann === 'string' && ann.trim()
      ? ann.split(',').map((s) => s.trim()).map((e) => (e === '.' ? ns : e))
      : ['*'];
    const host = `${svc.ref.name}.${ns}.svc.cluster.local`;
    const entry: RegistryEntry = {
      hosts: [host],
      ports: (Array.isArray(svc.spec.ports) ? svc.spec.ports : []).map((p: any) => ({ number: Number(p?.port), name: p?.name, protocol: p?.protocol })),
      origin: svc,
    };
    add(scopes, host, entry);
  }
  return { byKey, wildcards };
}

/** `GetDestinationHost(sourceNs, exportTo, host)`: exact scopes first, then registry wildcards. */
export function lookupDestinationHost(reg: ServiceRegistry, sourceNs: string, exportTo: readonly string[], host: string): RegistryEntry | undefined {
  const fqdn = convertHostToFQDN(sourceNs, host);
  const all = reg.byKey.get(`*/${fqdn}`);
  if (all) return all;
  if (!exportTo.length) {
    const own = reg.byKey.get(`${sourceNs}/${fqdn}`);
    if (own) return own;
  } else {
    for (const e of exportTo) {
      const hit = reg.byKey.get(`${e === '.' ? sourceNs : e}/${fqdn}`);
      if (hit) return hit;
    }
  }
  const stripped = fqdn.startsWith('*') ? fqdn.slice(1) : fqdn;
  for (const w of reg.wildcards) {
    if (w.scope !== '*' && w.scope !== sourceNs) continue;
    if (stripped.endsWith(w.host.slice(1))) return w.entry;
  }
  return undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
