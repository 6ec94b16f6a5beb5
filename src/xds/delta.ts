import type { TypeSync } from './control-plane.ts';
import type { SyncStatus } from './decide.ts';
import type { ProxyNode } from './node.ts';
import { contentHash } from './snapshot.ts';
import { StreamConnection, type Outgoing } from './stream-connection.ts';
import { isWildcardType, XDS_TYPES, type DeltaDiscoveryRequest, type DeltaDiscoveryResponse, type XdsShortType } from './types.ts';

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

export class DeltaConnection extends StreamConnection<DeltaDiscoveryRequest, DeltaDiscoveryResponse, DeltaTypeState> {
  readonly kind = 'delta' as const;
  protected readonly missingNodeMessage = 'the first DeltaDiscoveryRequest on a stream must carry node.id';

  /** Requests for types Sluice does not serve are dropped silently on delta streams. */
  protected ignored(): void {}

  protected handle(type: XdsShortType, req: DeltaDiscoveryRequest, node: ProxyNode): void {
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
        this.cp.log('warn', 'NACK', { proxy: node.id, type, error: st.nack.message });
        this.cp.events.nacked?.(type, this, st.nack.message);
      } else {
        st.acked = { nonce, at: this.cp.clock() };
        st.nack = undefined;
        this.onAcked(type, st.sent);
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

  #interest(type: XdsShortType, st: DeltaTypeState, node: ProxyNode): Map<string, { hash: string; name: string; json: unknown }> {
    const set = this.cp.cache.resources(node)[type];
    if (st.wildcard) return set as Map<string, { hash: string; name: string; json: unknown }>;
    const m = new Map();
    for (const n of st.subscribed) { const r = set.get(n); if (r) m.set(n, r); }
    return m;
  }

  /** A delta sends a type once the client has asked for it (even with no names). */
  protected sendable(type: XdsShortType): DeltaTypeState | undefined {
    return this.states.get(type);
  }

  /** Changed resources and removals against what the client holds; nothing when neither (unless on request). */
  protected build(type: XdsShortType, st: DeltaTypeState, node: ProxyNode, force: boolean, t0: number): Outgoing<DeltaDiscoveryResponse> | undefined {
    const interest = this.#interest(type, st, node);
    const resources = [];
    for (const r of interest.values()) {
      if (st.known.get(r.name) === r.hash) continue;
      const any = this.cp.cache.packed(type, r as never);
      if (!any) continue;
      resources.push({ name: r.name, version: r.hash, resource: any });
    }
    const removed = [...st.known.keys()].filter((n) => !interest.has(n) && (st.wildcard || st.subscribed.has(n)));
    if (!force && resources.length === 0 && removed.length === 0) return undefined;
    for (const r of resources) st.known.set(r.name, r.version);
    for (const n of removed) st.known.delete(n);
    const nonce = this.nextNonce();
    const version = contentHash([...st.known.entries()].sort().map(([n, v]) => `${n}=${v}`).join(';'));
    const response: DeltaDiscoveryResponse = { system_version_info: version, resources, removed_resources: removed, type_url: XDS_TYPES[type], nonce, control_plane: { identifier: 'sluice' } };
    st.sent = { nonce, version, at: t0, generation: this.cp.generation, pushed: !force };
    return { response, resources: resources.length };
  }

  protected typeSync(s: DeltaTypeState): TypeSync {
    let status: SyncStatus = 'NOT SENT';
    if (s.sent) status = s.nack?.nonce === s.sent.nonce ? 'NACKED' : s.acked?.nonce === s.sent.nonce ? 'SYNCED' : 'STALE';
    return { status, sentVersion: s.sent?.version, sentNonce: s.sent?.nonce, ackedNonce: s.acked?.nonce, ackedVersion: s.acked?.nonce === s.sent?.nonce ? s.sent?.version : undefined, error: s.nack?.message, nacks: s.nacks, subscribed: s.wildcard ? '*' : s.subscribed.size };
  }
}
