import { createHash } from 'node:crypto';
import type { Json, ProxyConfig } from '../envoy/types.ts';
import { XDS_TYPES, type XdsShortType } from './types.ts';

/**
 * One proxy's resources by type and name, each with a content hash. Versions are content hashes:
 * a resource's version is the hash of its canonical JSON; a SotW response's version is the hash
 * of the (name, hash) pairs it carries. Identical config gives identical versions on every run.
 */
export interface Resource { readonly name: string; readonly hash: string; readonly json: Json }
export type ResourceSet = { readonly [T in XdsShortType]: ReadonlyMap<string, Resource> };

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v).toString('base64'));
  const keys = Object.keys(v).filter((k) => (v as Json)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Json)[k])}`).join(',')}}`;
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/**
 * Hash of a generated resource. Generators build objects in a fixed key order, so plain
 * JSON.stringify is deterministic for them and several times faster than canonicalJson; the worst
 * a different key order could cause is one redundant push, never a missed one.
 */
export function resourceHash(json: unknown): string {
  return contentHash(JSON.stringify(json));
}

const NAME_OF: Record<XdsShortType, (r: Json) => string> = {
  lds: (r) => r.name, rds: (r) => r.name, cds: (r) => r.name, eds: (r) => r.cluster_name,
};

/** Makes the Resource for a generated object; may return a previously made identical one (proxies share one copy). */
export type Interner = (type: XdsShortType, name: string, json: Json) => Resource;
const noIntern: Interner = (_t, name, json) => ({ name, hash: resourceHash(json), json });

/** Resources by type/name, then by their JSON text. */
export type InternTable = Map<string, Map<string, Resource>>;

/**
 * Interns by content: a resource whose JSON text was already seen (for another proxy now, or in
 * `previous` — the table of the last generation) is hashed once and shared, instead of being hashed
 * again for each of a thousand proxies. Returns the interner and the table it fills.
 */
export function contentInterner(previous?: InternTable): { intern: Interner; table: InternTable } {
  const table: InternTable = new Map();
  const intern: Interner = (type, name, json) => {
    const text = JSON.stringify(json);
    const key = `${type}/${name}`;
    let byText = table.get(key);
    if (!byText) table.set(key, (byText = new Map()));
    let r = byText.get(text);
    if (r) return r;
    const old = previous?.get(key)?.get(text);
    r = old ? { name, hash: old.hash, json } : { name, hash: contentHash(text), json };
    byText.set(text, r);
    return r;
  };
  return { intern, table };
}

export function resourcesByName(type: XdsShortType, list: readonly Json[], intern: Interner): Map<string, Resource> {
  const m = new Map<string, Resource>();
  for (const json of list) {
    const name = NAME_OF[type](json);
    if (typeof name !== 'string' || !name) continue;
    m.set(name, intern(type, name, json));
  }
  return new Map([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** A generator may build some resources only when asked for by name (proxyless RDS). */
export interface LazyResources { readonly names: readonly string[]; build(name: string): Json | undefined }

/** A name → Resource map whose entries are built and hashed on first use. */
class LazyResourceMap implements ReadonlyMap<string, Resource> {
  readonly #built = new Map<string, Resource | null>();
  readonly #names: ReadonlySet<string>;
  constructor(private readonly lazy: LazyResources) { this.#names = new Set(lazy.names); }
  get size(): number { return this.#names.size; }
  has(name: string): boolean { return this.#names.has(name); }
  get(name: string): Resource | undefined {
    const hit = this.#built.get(name);
    if (hit !== undefined) return hit ?? undefined;
    const json = this.#names.has(name) ? this.lazy.build(name) : undefined;
    const r = json ? { name, hash: resourceHash(json), json } : null;
    this.#built.set(name, r);
    return r ?? undefined;
  }
  /** Only what has been built so far (what clients asked for). */
  built(): Resource[] { return [...this.#built.values()].filter((r): r is Resource => !!r); }
  *entries(): MapIterator<[string, Resource]> { for (const n of this.lazy.names) { const r = this.get(n); if (r) yield [n, r]; } }
  *keys(): MapIterator<string> { for (const [k] of this.entries()) yield k; }
  *values(): MapIterator<Resource> { for (const [, v] of this.entries()) yield v; }
  [Symbol.iterator](): MapIterator<[string, Resource]> { return this.entries(); }
  forEach(cb: (v: Resource, k: string, m: ReadonlyMap<string, Resource>) => void): void { for (const [k, v] of this.entries()) cb(v, k, this); }
}

export function toResourceSet(pc: ProxyConfig & { readonly lazyRoutes?: LazyResources }, intern: Interner = noIntern): ResourceSet {
  const rds = pc.lazyRoutes ? new LazyResourceMap(pc.lazyRoutes) : resourcesByName('rds', pc.routes, intern);
  return { lds: resourcesByName('lds', pc.listeners, intern), rds, cds: resourcesByName('cds', pc.clusters, intern), eds: resourcesByName('eds', pc.endpoints, intern) };
}

export const EMPTY_RESOURCES: ResourceSet = toResourceSet({ listeners: [], routes: [], clusters: [], endpoints: [] });

/** The resources a SotW response carries for a subscription: all (wildcard) or the named ones that exist. */
export function selectResources(set: ResourceSet, type: XdsShortType, names: readonly string[], wildcard: boolean): Resource[] {
  const m = set[type];
  if (wildcard) return [...m.values()];
  const out: Resource[] = [];
  for (const n of names) { const r = m.get(n); if (r) out.push(r); }
  return out;
}

/** A SotW version: the hash of what the response holds (names included, so a missing name changes it). */
export function sotwVersion(type: XdsShortType, resources: readonly Resource[], names: readonly string[], wildcard: boolean): string {
  const parts = resources.map((r) => `${r.name}=${r.hash}`);
  return contentHash(`${XDS_TYPES[type]}|${wildcard ? '*' : names.join(',')}|${parts.join(';')}`);
}

/** ProxyConfig back from a ResourceSet (for /debug/config_dump). */
export function toProxyConfig(set: ResourceSet): ProxyConfig {
  const list = <T>(t: XdsShortType): T[] => {
    const m = set[t];
    return (m instanceof LazyResourceMap ? m.built() : [...m.values()]).map((r) => r.json as T);
  };
  return { listeners: list('lds'), routes: list('rds'), clusters: list('cds'), endpoints: list('eds') };
}
