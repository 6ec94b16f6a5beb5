import type { RouteConfiguration, VirtualHost } from '../envoy/types.ts';
import { stripPort } from './request.ts';
import { RouteTable } from './route-match.ts';

/**
 * A route configuration compiled for lookups. Virtual host selection follows Envoy's RouteMatcher:
 * exact domain, then the longest `*suffix` wildcard, then the longest `prefix*` wildcard, then `*`;
 * the Host is lower-cased, and its port dropped when `ignore_port_in_host_matching` is set.
 * A wildcard must cover at least one character.
 */
export interface VirtualHostMatch { readonly index: number; readonly domain: string; readonly kind: 'exact' | 'suffix' | 'prefix' | 'any' }

type ByLength = Array<{ len: number; map: Map<string, number> }>;

export class CompiledRouteConfig {
  readonly config: RouteConfiguration;
  readonly virtualHosts: readonly VirtualHost[];
  private readonly exact = new Map<string, number>();
  private readonly suffixes: ByLength = [];
  private readonly prefixes: ByLength = [];
  private readonly star: number = -1;
  private readonly tables = new Map<number, RouteTable>();

  constructor(config: RouteConfiguration) {
    this.config = config;
    this.virtualHosts = config.virtual_hosts ?? [];
    let star = -1;
    const suffix = new Map<number, Map<string, number>>(), prefix = new Map<number, Map<string, number>>();
    this.virtualHosts.forEach((vh, i) => {
      for (const raw of vh.domains ?? []) {
        const d = String(raw).toLowerCase();
        if (d === '*') { if (star < 0) star = i; continue; }
        if (d.startsWith('*')) addLen(suffix, d.slice(1), i);
        else if (d.endsWith('*')) addLen(prefix, d.slice(0, -1), i);
        else if (!this.exact.has(d)) this.exact.set(d, i);
      }
    });
    this.star = star;
    this.suffixes = sortByLength(suffix);
    this.prefixes = sortByLength(prefix);
  }

  /** The host the vhost lookup uses (lower-cased, port stripped if the config says so). */
  lookupHost(host: string): string {
    const h = host.toLowerCase();
    return this.config.ignore_port_in_host_matching ? stripPort(h) : h;
  }

  matchVirtualHost(host: string): VirtualHostMatch | null {
    const h = this.lookupHost(host);
    const e = this.exact.get(h);
    if (e !== undefined) return { index: e, domain: h, kind: 'exact' };
    for (const { len, map } of this.suffixes) {
      if (h.length <= len) continue;
      const i = map.get(h.slice(h.length - len));
      if (i !== undefined) return { index: i, domain: '*' + h.slice(h.length - len), kind: 'suffix' };
    }
    for (const { len, map } of this.prefixes) {
      if (h.length <= len) continue;
      const i = map.get(h.slice(0, len));
      if (i !== undefined) return { index: i, domain: h.slice(0, len) + '*', kind: 'prefix' };
    }
    return this.star >= 0 ? { index: this.star, domain: '*', kind: 'any' } : null;
  }

  /** The vhost's route table, compiled on first use. */
  routeTable(vhIndex: number): RouteTable {
    let t = this.tables.get(vhIndex);
    if (!t) { t = new RouteTable(this.virtualHosts[vhIndex].routes ?? []); this.tables.set(vhIndex, t); }
    return t;
  }
}

function addLen(m: Map<number, Map<string, number>>, key: string, i: number): void {
  let inner = m.get(key.length);
  if (!inner) { inner = new Map(); m.set(key.length, inner); }
  if (!inner.has(key)) inner.set(key, i);
}

function sortByLength(m: Map<number, Map<string, number>>): ByLength {
  return [...m.entries()].sort((a, b) => b[0] - a[0]).map(([len, map]) => ({ len, map }));
}
