import type { Connection, ControlPlane, TypeSync } from './control-plane.ts';
import { decide, initialState, syncStatus, type TypeState } from './decide.ts';
import { parseNode, type ProxyNode } from './node.ts';
import { selectResources, sotwVersion } from './snapshot.ts';
import { PUSH_ORDER, shortType, XDS_TYPES, type DiscoveryRequest, type DiscoveryResponse, type XdsShortType } from './types.ts';

/**
 * Where responses go: a gRPC duplex call, or an in-memory fake (tests, benchmark).
 * `write` returns false when the transport's buffer is full; then `onDrain` is awaited and pushes
 * in between are coalesced (SotW responses carry full state, so only the latest matters).
 */
export interface ResponseSink<R> {
  write(msg: R): boolean;
  onDrain(cb: () => void): void;
  /** End the stream with an error (bad first request). */
  fail(code: number, message: string): void;
}

export class StreamError extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

/** One SotW stream (ADS, or a per-type LDS/RDS/CDS/EDS stream when `onlyType` is set). */
export class SotwConnection implements Connection {
  readonly kind = 'sotw' as const;
  readonly id: string;
  readonly connectedAt: number;
  node: ProxyNode | undefined;
  readonly states = new Map<XdsShortType, TypeState>();
  #nonce = 0;
  #blocked = false;
  #dirty = new Set<XdsShortType>();
  #closed = false;

  constructor(private readonly cp: ControlPlane, private readonly sink: ResponseSink<DiscoveryResponse>, readonly peer: string, private readonly onlyType?: XdsShortType) {
    this.id = cp.nextConnectionId();
    this.connectedAt = cp.clock();
  }

  onRequest(req: DiscoveryRequest): void {
    if (this.#closed) return;
    if (!this.node) {
      if (!req.node?.id) return this.sink.fail(3, 'the first DiscoveryRequest on a stream must carry node.id');
      this.node = parseNode(req.node);
      this.cp.register(this);
    }
    const typeUrl = req.type_url || (this.onlyType ? XDS_TYPES[this.onlyType] : '');
    const type = shortType(typeUrl);
    if (!type || (this.onlyType && type !== this.onlyType)) {
      this.cp.log('debug', 'request for a type Sluice does not serve ignored', { proxy: this.node.id, type: typeUrl });
      return;
    }
    const prev = this.states.get(type);
    const error = req.error_detail ? { code: req.error_detail.code ?? 0, message: req.error_detail.message ?? '' } : undefined;
    const r = decide(prev, { names: req.resource_names ?? [], nonce: req.response_nonce ?? '', version: req.version_info ?? '', error }, this.cp.clock(), type);
    this.states.set(type, r.state);
    if (r.decision === 'nack') {
      this.cp.log('warn', 'NACK', { proxy: this.node.id, type, version: r.state.nack?.version, error: error?.message });
      this.cp.events.nacked?.(type, this, error?.message ?? '');
    } else if (r.decision === 'ack' || r.decision === 'resubscribe' || r.decision === 'unsubscribe') {
      this.#observeAck(type, r.state);
    }
    if (r.respond) this.send(type, true);
  }

  #observeAck(type: XdsShortType, s: TypeState): void {
    const sent = s.sent;
    if (!sent?.pushed || s.acked?.nonce !== sent.nonce || sent.generation !== this.cp.generation) return;
    const t0 = this.cp.changeTime(sent.generation);
    if (t0 !== undefined) this.cp.events.converged?.(type, this.cp.clock() - t0);
  }

  /** Send the current state of `type` if it differs from what was last sent (or always, on request). */
  send(type: XdsShortType, force: boolean): void {
    const st = this.states.get(type) ?? initialState(type);
    if (!this.node || this.#closed || (!st.wildcard && st.names.length === 0)) return;
    if (this.#blocked) { this.#dirty.add(type); return; }
    const t0 = this.cp.clock();
    const set = this.cp.cache.resources(this.node);
    const chosen = selectResources(set, type, st.names, st.wildcard);
    const version = sotwVersion(type, chosen, st.names, st.wildcard);
    // Never re-send what was sent (and possibly NACKed) unless the client asked again.
    if (!force && st.sent?.version === version) return;
    const resources = [];
    for (const r of chosen) { const a = this.cp.cache.packed(type, r); if (a) resources.push(a); }
    const nonce = (++this.#nonce).toString(36);
    const resp: DiscoveryResponse = { version_info: version, resources, type_url: XDS_TYPES[type], nonce, control_plane: { identifier: 'sluice' } };
    this.states.set(type, { ...st, sent: { nonce, version, names: st.names, wildcard: st.wildcard, at: t0, generation: this.cp.generation, pushed: !force } });
    if (!this.sink.write(resp)) {
      this.#blocked = true;
      this.sink.onDrain(() => this.#drained());
    }
    this.cp.events.pushed?.(type, this.cp.clock() - t0, resources.length);
  }

  #drained(): void {
    this.#blocked = false;
    const dirty = PUSH_ORDER.filter((t) => this.#dirty.has(t));
    this.#dirty.clear();
    for (const t of dirty) this.send(t, false);
  }

  push(): void {
    for (const t of PUSH_ORDER) if (this.states.has(t)) this.send(t, false);
  }

  sync(): Partial<Record<XdsShortType, TypeSync>> {
    const out: Partial<Record<XdsShortType, TypeSync>> = {};
    for (const [t, s] of this.states) {
      out[t] = {
        status: syncStatus(s), sentVersion: s.sent?.version, sentNonce: s.sent?.nonce, ackedVersion: s.acked?.version, ackedNonce: s.acked?.nonce,
        error: s.nack?.message, nacks: s.nackCount, subscribed: s.wildcard ? '*' : s.names.length,
      };
    }
    return out;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#dirty.clear();
    this.cp.unregister(this);
  }
}
