import type { Connection, ControlPlane, TypeSync } from './control-plane.ts';
import type { SyncStatus } from './decide.ts';
import { parseNode, type ProxyNode } from './node.ts';
import type { ResponseSink } from './sotw.ts';
import { contentHash } from './snapshot.ts';
import { isWildcardType, PUSH_ORDER, shortType, XDS_TYPES, type DeltaDiscoveryRequest, type DeltaDiscoveryResponse, type XdsShortType } from './types.ts';

/**
 * Incremental (delta) xDS, after Envoy's protocol doc and Istio's delta.go: the client subscribes
 * and unsubscribes by name (or `*`), tells us which versions it already has, and each response
 * carries only changed resources plus `removed_resources`. Resource versions are content hashes.
 * Subscription changes are deltas, so they are applied even on a stale nonce; NACKs are recorded
 * and the rejected versions are not sent again.
 */
interface DeltaTypeState {
  wildcard: boolean;
  readonly subscribed: Set<string>;
  /** What the client holds: name → version (from initial_resource_versions and our sends). */
  readonly known: Map<string, string>;
  sent?: { nonce: string; version: string; at: number; generation: number; pushed: boolean };
  acked?: { nonce: string; at: number };
  nack?: { nonce: string; message: string };
  nacks: number;
}

export class DeltaConnection implements Connection {
  readonly kind = 'delta' as const;
  readonly id: string;
  readonly connectedAt: number;
  node: ProxyNode | undefined;
  readonly states = new Map<XdsShortType, DeltaTypeState>();
  #nonce = 0;
  #blocked = false;
  #dirty = new Set<XdsShortType>();
  #closed = false;

  constructor(private readonly cp: ControlPlane, private readonly sink: ResponseSink<DeltaDiscoveryResponse>, readonly peer: string, private readonly onlyType?: XdsShortType) {
    this.id = cp.nextConnectionId();
    this.connectedAt = cp.clock();
  }

  onRequest(req: DeltaDiscoveryRequest): void {
    if (this.#closed) return;
    if (!this.node) {
      if (!req.node?.id) return this.sink.fail(3, 'the first DeltaDiscoveryRequest on a stream must carry node.id');
      this.node = parseNode(req.node);
      this.cp.register(this);
    }
    const type = shortType(req.type_url || (this.onlyType ? XDS_TYPES[this.onlyType] : ''));
    if (!type || (this.onlyType && type !== this.onlyType)) return;
    const subscribe = req.resource_names_subscribe ?? [], unsubscribe = req.resource_names_unsubscribe ?? [];
    let st = this.states.get(type);
    let respond = false;
    if (!st) {
      st = { wildcard: isWildcardType(type) && subscribe.length === 0, subscribed: new Set(), known: new Map(), nacks: 0 };
      for (const [n, v] of Object.entries(req.initial_resource_versions ?? {})) st.known.set(n, v);
      this.states.set(type, st);
      respond = true;
    }
    const nonce = req.response_nonce ?? '';
    if (nonce && st.sent && nonce === st.sent.nonce) {
      if (req.error_detail) {
        st.nack = { nonce, message: req.error_detail.message ?? '' };
        st.nacks++;
        this.cp.log('warn', 'NACK', { proxy: this.node.id, type, error: st.nack.message });
        this.cp.events.nacked?.(type, this, st.nack.message);
      } else {
        st.acked = { nonce, at: this.cp.clock() };
        st.nack = undefined;
        const t0 = st.sent.pushed && st.sent.generation === this.cp.generation ? this.cp.changeTime(st.sent.generation) : undefined;
        if (t0 !== undefined) this.cp.events.converged?.(type, this.cp.clock() - t0);
      }
    }
    for (const n of subscribe) {
      if (n === '*') { if (!st.wildcard) respond = true; st.wildcard = true; continue; }
      if (!st.subscribed.has(n)) { st.subscribed.add(n); respond = true; }
    }
    for (const n of unsubscribe) {
      if (n === '*') st.wildcard = false;
      st.subscribed.delete(n);
      st.known.delete(n);
    }
    if (respond) this.send(type, true);
  }

  #interest(type: XdsShortType, st: DeltaTypeState): Map<string, { hash: string; name: string; json: unknown }> {
    const set = this.cp.cache.resources(this.node!)[type];
    if (st.wildcard) return set as Map<string, { hash: string; name: string; json: unknown }>;
    const m = new Map();
    for (const n of st.subscribed) { const r = set.get(n); if (r) m.set(n, r); }
    return m;
  }

  send(type: XdsShortType, force: boolean): void {
    const st = this.states.get(type);
    if (!st || !this.node || this.#closed) return;
    if (this.#blocked) { this.#dirty.add(type); return; }
    const t0 = this.cp.clock();
    const interest = this.#interest(type, st);
    const resources = [];
    for (const r of interest.values()) {
      if (st.known.get(r.name) === r.hash) continue;
      const any = this.cp.cache.packed(type, r as never);
      if (!any) continue;
      resources.push({ name: r.name, version: r.hash, resource: any });
    }
    const removed = [...st.known.keys()].filter((n) => !interest.has(n) && (st.wildcard || st.subscribed.has(n)));
    if (!force && resources.length === 0 && removed.length === 0) return;
    for (const r of resources) st.known.set(r.name, r.version);
    for (const n of removed) st.known.delete(n);
    const nonce = (++this.#nonce).toString(36);
    const version = contentHash([...st.known.entries()].sort().map(([n, v]) => `${n}=${v}`).join(';'));
    const resp: DeltaDiscoveryResponse = { system_version_info: version, resources, removed_resources: removed, type_url: XDS_TYPES[type], nonce, control_plane: { identifier: 'sluice' } };
    st.sent = { nonce, version, at: t0, generation: this.cp.generation, pushed: !force };
    if (!this.sink.write(resp)) {
      this.#blocked = true;
      this.sink.onDrain(() => {
        this.#blocked = false;
        const dirty = PUSH_ORDER.filter((t) => this.#dirty.has(t));
        this.#dirty.clear();
        for (const t of dirty) this.send(t, false);
      });
    }
    this.cp.events.pushed?.(type, this.cp.clock() - t0, resources.length);
  }

  push(): void {
    for (const t of PUSH_ORDER) if (this.states.has(t)) this.send(t, false);
  }

  sync(): Partial<Record<XdsShortType, TypeSync>> {
    const out: Partial<Record<XdsShortType, TypeSync>> = {};
    for (const [t, s] of this.states) {
      let status: SyncStatus = 'NOT SENT';
      if (s.sent) status = s.nack?.nonce === s.sent.nonce ? 'NACKED' : s.acked?.nonce === s.sent.nonce ? 'SYNCED' : 'STALE';
      out[t] = { status, sentVersion: s.sent?.version, sentNonce: s.sent?.nonce, ackedNonce: s.acked?.nonce, ackedVersion: s.acked?.nonce === s.sent?.nonce ? s.sent?.version : undefined, error: s.nack?.message, nacks: s.nacks, subscribed: s.wildcard ? '*' : s.subscribed.size };
    }
    return out;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.cp.unregister(this);
  }
}
