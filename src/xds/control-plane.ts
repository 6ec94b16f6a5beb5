import type { ConfigSnapshot } from '../config/snapshot.ts';
import { toConfigDump } from '../envoy/config-dump.ts';
import type { Json } from '../envoy/types.ts';
import { ResourceCache, type EncodeProblem, type Generator } from './cache.ts';
import type { SyncStatus } from './decide.ts';
import type { EdsGenerator } from './generators.ts';
import type { ProxyNode } from './node.ts';
import { toProxyConfig } from './snapshot.ts';
import { PUSH_ORDER, type XdsShortType } from './types.ts';

/** Connections pushed per event-loop turn. */
export const PUSH_BATCH = 50;

/** One type's sync state on one connection, for /debug/syncz and proxy-status. */
export interface TypeSync {
  readonly status: SyncStatus;
  readonly sentVersion?: string;
  readonly sentNonce?: string;
  readonly ackedVersion?: string;
  readonly ackedNonce?: string;
  readonly error?: string;
  readonly nacks: number;
  readonly subscribed: number | '*';
}

/** A connected stream (SotW or delta), as the control plane sees it. */
export interface Connection {
  readonly id: string;
  readonly kind: 'sotw' | 'delta';
  readonly peer: string;
  readonly connectedAt: number;
  readonly node: ProxyNode | undefined;
  /** The config changed: send what differs. */
  push(): void;
  sync(): Partial<Record<XdsShortType, TypeSync>>;
  /** Forget the stream (its transport closed). */
  close(): void;
}

export interface XdsEvents {
  connected?(c: Connection): void;
  disconnected?(c: Connection): void;
  pushed?(type: XdsShortType, ms: number, resources: number): void;
  nacked?(type: XdsShortType, c: Connection, message: string): void;
  /** A client ACKed the latest generation: ms since the change that produced it. */
  converged?(type: XdsShortType, ms: number): void;
  encodeProblem?(p: EncodeProblem): void;
}

export type LogFn = (level: 'info' | 'warn' | 'error' | 'debug', msg: string, fields?: Record<string, unknown>) => void;

export interface ControlPlaneOptions {
  readonly generate: Generator;
  /** The endpoint-only push path paired with `generate`; without it every change is a full push. */
  readonly eds?: EdsGenerator;
  readonly clock?: () => number;
  readonly events?: XdsEvents;
  readonly log?: LogFn;
  /** istiod's PILOT_DEBOUNCE_AFTER / PILOT_DEBOUNCE_MAX: 100 ms quiet, 10 s cap. */
  readonly debounceMs?: number;
  readonly debounceMaxMs?: number;
}

export interface SynczEntry {
  readonly proxy: string;
  readonly cluster: string;
  readonly istioVersion: string;
  readonly proxyless: boolean;
  readonly connections: number;
  readonly types: Partial<Record<XdsShortType, TypeSync>>;
}

/** The server core: config revisions, debounced pushes, connected proxies. Transport-agnostic. */
export class ControlPlane {
  readonly cache: ResourceCache;
  readonly connections = new Set<Connection>();
  readonly clock: () => number;
  readonly events: XdsEvents;
  readonly log: LogFn;
  #changeTimes = new Map<number, number>();
  #pending: { snapshot: ConfigSnapshot; firstAt: number } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #debounceMs: number;
  #debounceMaxMs: number;
  #nextId = 0;
  #round = 0;

  constructor(opts: ControlPlaneOptions) {
    this.clock = opts.clock ?? (() => performance.now());
    this.events = opts.events ?? {};
    this.log = opts.log ?? (() => {});
    this.#debounceMs = opts.debounceMs ?? 100;
    this.#debounceMaxMs = opts.debounceMaxMs ?? 10_000;
    this.cache = new ResourceCache(opts.generate, (p) => {
      this.log(p.fatal ? 'error' : 'warn', p.fatal ? 'resource not sent: it cannot be encoded' : 'field not in Envoy API dropped', { type: p.type, resource: p.name, detail: p.message });
      this.events.encodeProblem?.(p);
    }, opts.eds);
  }

  get generation(): number { return this.cache.generation; }
  nextConnectionId(): string { return `c${++this.#nextId}`; }
  /** When the change that produced `generation` first arrived (for convergence time). */
  changeTime(generation: number): number | undefined { return this.#changeTimes.get(generation); }

  /**
   * Install a config revision now and push it to every connection, PUSH_BATCH connections per
   * event-loop turn (the first batch at once), so ACKs, new streams and the debug endpoints are
   * served while a large push is under way. A newer revision supersedes the rest of an older push.
   */
  apply(snapshot: ConfigSnapshot, changedAt = this.clock()): number {
    const gen = this.cache.setSnapshot(snapshot);
    const change = this.cache.change;
    if (gen > 1) this.log('debug', 'config change', change.kind === 'full' ? { push: 'full', reason: change.reason } : change.kind === 'eds' ? { push: 'eds', services: change.services.length } : { push: 'none' });
    this.#changeTimes.set(gen, changedAt);
    this.#changeTimes.delete(gen - 2);
    const conns = [...this.connections];
    const round = ++this.#round;
    const step = (from: number): void => {
      if (round !== this.#round) return;
      const end = Math.min(conns.length, from + PUSH_BATCH);
      for (let i = from; i < end; i++) if (this.connections.has(conns[i])) conns[i].push();
      if (end < conns.length) setImmediate(() => step(end));
    };
    step(0);
    return gen;
  }

  /** A config change: debounced (quiet period, capped) like istiod's push queue. */
  update(snapshot: ConfigSnapshot): void {
    const now = this.clock();
    this.#pending = { snapshot, firstAt: this.#pending?.firstAt ?? now };
    if (this.#timer) clearTimeout(this.#timer);
    const waited = now - this.#pending.firstAt;
    const delay = Math.max(0, Math.min(this.#debounceMs, this.#debounceMaxMs - waited));
    this.#timer = setTimeout(() => this.flush(), delay);
  }

  /** Apply a pending debounced change at once. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const p = this.#pending;
    this.#pending = undefined;
    if (p) this.apply(p.snapshot, p.firstAt);
  }

  register(c: Connection): void {
    this.connections.add(c);
    const n = c.node;
    this.log('info', 'proxy connected', { proxy: n?.id, stream: c.kind, peer: c.peer, proxyless: n?.proxyless, namespace: n?.spec.namespace });
    for (const w of n?.warnings ?? []) this.log('warn', w, { proxy: n?.id });
    this.events.connected?.(c);
  }

  unregister(c: Connection): void {
    if (!this.connections.delete(c)) return;
    this.log('info', 'proxy disconnected', { proxy: c.node?.id, stream: c.kind, peer: c.peer });
    this.events.disconnected?.(c);
  }

  /** Per proxy and type: SYNCED / STALE / NACKED / NOT SENT (several streams of one node merge). */
  syncz(): SynczEntry[] {
    const byProxy = new Map<string, { node: ProxyNode; conns: Connection[] }>();
    for (const c of this.connections) {
      if (!c.node) continue;
      const e = byProxy.get(c.node.id) ?? { node: c.node, conns: [] };
      e.conns.push(c);
      byProxy.set(c.node.id, e);
    }
    return [...byProxy.values()].sort((a, b) => (a.node.id < b.node.id ? -1 : 1)).map(({ node, conns }) => {
      const types: Partial<Record<XdsShortType, TypeSync>> = {};
      for (const c of conns) Object.assign(types, Object.fromEntries(PUSH_ORDER.filter((t) => c.sync()[t]).map((t) => [t, c.sync()[t]])));
      return { proxy: node.id, cluster: node.clusterId, istioVersion: node.istioVersion, proxyless: node.proxyless, connections: conns.length, types };
    });
  }

  /** The config a connected proxy is being served, as an Envoy /config_dump. */
  configDump(proxyId: string): Json | undefined {
    const c = [...this.connections].find((x) => x.node?.id === proxyId);
    if (!c?.node) return undefined;
    const set = this.cache.resources(c.node);
    const s = c.sync();
    return toConfigDump(toProxyConfig(set), { versions: { listeners: s.lds?.sentVersion, routes: s.rds?.sentVersion, clusters: s.cds?.sentVersion, endpoints: s.eds?.sentVersion } });
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const c of [...this.connections]) c.close();
  }
}
