import type { ConfigSnapshot } from '../config/snapshot.ts';
import type { ProxyConfig } from '../envoy/types.ts';
import { encodeResource, EncodeError } from './encode.ts';
import type { ChangeClass } from './change.ts';
import type { EdsGenerator } from './generators.ts';
import type { ProxyNode } from './node.ts';
import { contentInterner, EMPTY_RESOURCES, resourcesByName, toResourceSet, type Interner, type Resource, type ResourceSet } from './snapshot.ts';
import { XDS_TYPES, type XdsShortType } from './types.ts';

/** Translates a snapshot for one node (translateProxy, or the proxyless gRPC generator). */
export type Generator = (snapshot: ConfigSnapshot, node: ProxyNode) => ProxyConfig;

export interface PackedAny { readonly type_url: string; readonly value: Uint8Array }

export interface EncodeProblem { readonly type: XdsShortType; readonly name: string; readonly message: string; readonly fatal: boolean }

/**
 * What to send, apart from how to send it (go-control-plane's cache/server split):
 * per config generation, the ResourceSet of each distinct node key (computed once, shared by every
 * proxy with the same identity), and the wire bytes of each resource, content-addressed by hash
 * (encoded once, shared by every proxy that receives it).
 */
export class ResourceCache {
  #snapshot: ConfigSnapshot | undefined;
  #generation = 0;
  #sets = new Map<string, ResourceSet>();
  #prevSets = new Map<string, ResourceSet>();
  #change: ChangeClass = { kind: 'full', reason: 'first config' };
  /** One copy of each distinct resource per generation (hashed once), shared by every proxy that has it. */
  #interner = contentInterner();
  readonly #intern: Interner = (type, name, json) => this.#interner.intern(type, name, json);
  #bytes = new Map<string, PackedAny | null>();
  #liveHashes = new Set<string>();
  /** Per-type maps carried over unchanged from the previous generation: their bytes stay live too. */
  #reused = new Set<ReadonlyMap<string, Resource>>();
  readonly problems = new Map<string, EncodeProblem>();

  constructor(private readonly generate: Generator, private readonly onProblem: (p: EncodeProblem) => void = () => {}, private readonly eds?: EdsGenerator) {}

  get generation(): number { return this.#generation; }
  get snapshot(): ConfigSnapshot | undefined { return this.#snapshot; }
  /** How the latest revision differs from the one before (what kind of push it needs). */
  get change(): ChangeClass { return this.#change; }

  /**
   * A new config revision: drop per-node results (kept as the previous generation, which an
   * endpoint-only or empty change reuses); bytes of unchanged resources stay cached.
   */
  setSnapshot(snapshot: ConfigSnapshot): number {
    this.#change = this.#classify(this.#snapshot, snapshot);
    this.#snapshot = snapshot;
    this.#prevSets = this.#sets;
    this.#sets = new Map();
    this.#interner = contentInterner(this.#interner.table);
    this.#pruneBytes();
    return ++this.#generation;
  }

  resources(node: ProxyNode): ResourceSet {
    let set = this.#sets.get(node.key);
    if (set) return set;
    try {
      set = this.#incremental(node) ?? toResourceSet(this.#snapshot ? this.generate(this.#snapshot, node) : { listeners: [], routes: [], clusters: [], endpoints: [] }, this.#intern);
    } catch (e) {
      // A translation bug must not take a proxy's config away: keep serving its previous result.
      this.#problem({ type: 'lds', name: node.id, message: `translation failed (a Sluice bug): ${(e as Error).message}`, fatal: true });
      set = this.#prevSets.get(node.key) ?? EMPTY_RESOURCES;
    }
    this.#sets.set(node.key, set);
    return set;
  }

  #classify(prev: ConfigSnapshot | undefined, next: ConfigSnapshot): ChangeClass {
    if (!prev) return { kind: 'full', reason: 'first config' };
    if (!this.eds) return prev === next ? { kind: 'none' } : { kind: 'full', reason: 'no endpoint-only generator' };
    try {
      return this.eds.classify(prev, next);
    } catch (e) {
      this.#problem({ type: 'eds', name: '*', message: `change classification failed (a Sluice bug), full push: ${(e as Error).message}`, fatal: false });
      return { kind: 'full', reason: 'classification failed' };
    }
  }

  /** The previous generation's set, unchanged (no change) or with only EDS recomputed; undefined → full generator. */
  #incremental(node: ProxyNode): ResourceSet | undefined {
    const c = this.#change;
    const prev = this.#prevSets.get(node.key);
    if (!prev || c.kind === 'full' || !this.#snapshot) return undefined;
    if (c.kind === 'none') return this.#reuse(prev, ['lds', 'rds', 'cds', 'eds']);
    if (node.spec.ips.some((ip) => c.fullForIps.has(ip))) return undefined;
    const endpoints = this.eds?.endpoints(this.#snapshot, node);
    return endpoints ? this.#reuse({ ...prev, eds: resourcesByName('eds', endpoints, this.#intern) }, ['lds', 'rds', 'cds']) : undefined;
  }

  #reuse(set: ResourceSet, types: readonly XdsShortType[]): ResourceSet {
    for (const t of types) if (set[t] instanceof Map) this.#reused.add(set[t]);
    return set;
  }

  /** The resource packed in an Any; undefined when it cannot be encoded (recorded as a problem). */
  packed(type: XdsShortType, r: Resource): PackedAny | undefined {
    const key = `${type}/${r.hash}`;
    this.#liveHashes.add(r.hash);
    const hit = this.#bytes.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let out: PackedAny | null = null;
    try {
      const enc = encodeResource(XDS_TYPES[type], r.json);
      out = { type_url: enc.typeUrl, value: enc.bytes };
      for (const w of enc.warnings) this.#problem({ type, name: r.name, message: w, fatal: false });
    } catch (e) {
      if (!(e instanceof EncodeError)) throw e;
      this.#problem({ type, name: r.name, message: e.message, fatal: true });
    }
    this.#bytes.set(key, out);
    return out ?? undefined;
  }

  #problem(p: EncodeProblem): void {
    const k = `${p.type}/${p.name}/${p.message}`;
    if (this.problems.has(k)) return;
    this.problems.set(k, p);
    this.onProblem(p);
  }

  /** Keep bytes only for resources sent (or carried over unchanged) during the generation that just ended. */
  #pruneBytes(): void {
    const live = this.#liveHashes;
    // Resources reused without being re-sent (an EDS-only change) keep their bytes for the next full push.
    for (const m of this.#reused) for (const r of m.values()) live.add(r.hash);
    this.#reused = new Set();
    for (const key of this.#bytes.keys()) if (!live.has(key.slice(4))) this.#bytes.delete(key);
    this.#liveHashes = new Set();
    this.problems.clear();
  }
}
