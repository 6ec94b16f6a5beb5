import type { TypeSync } from './control-plane.ts';
import { decide, initialState, syncStatus, type TypeState } from './decide.ts';
import type { ProxyNode } from './node.ts';
import { selectResources, sotwVersion } from './snapshot.ts';
import { StreamConnection, type Outgoing } from './stream-connection.ts';
import { XDS_TYPES, type DiscoveryRequest, type DiscoveryResponse, type XdsShortType } from './types.ts';

export class StreamError extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

/** One SotW stream (ADS, or a per-type LDS/RDS/CDS/EDS stream when `onlyType` is set). */
export class SotwConnection extends StreamConnection<DiscoveryRequest, DiscoveryResponse, TypeState> {
  readonly kind = 'sotw' as const;
  protected readonly missingNodeMessage = 'the first DiscoveryRequest on a stream must carry node.id';

  protected ignored(typeUrl: string, node: ProxyNode): void {
    this.cp.log('debug', 'request for a type Sluice does not serve ignored', { proxy: node.id, type: typeUrl });
  }

  protected handle(type: XdsShortType, req: DiscoveryRequest, node: ProxyNode): void {
    const prev = this.states.get(type);
    const error = req.error_detail ? { code: req.error_detail.code ?? 0, message: req.error_detail.message ?? '' } : undefined;
    const r = decide(prev, { names: req.resource_names ?? [], nonce: req.response_nonce ?? '', version: req.version_info ?? '', error }, this.cp.clock(), type);
    this.states.set(type, r.state);
    if (r.decision === 'nack') {
      this.cp.log('warn', 'NACK', { proxy: node.id, type, version: r.state.nack?.version, error: error?.message });
      this.cp.events.nacked?.(type, this, error?.message ?? '');
    } else if (r.decision === 'ack' || r.decision === 'resubscribe' || r.decision === 'unsubscribe') {
      const s = r.state;
      if (s.sent && s.acked?.nonce === s.sent.nonce) this.onAcked(type, s.sent);
    }
    if (r.respond) this.send(type, true);
  }

  /** SotW sends a type only while something is subscribed (wildcard or names). */
  protected sendable(type: XdsShortType): TypeState | undefined {
    const st = this.states.get(type) ?? initialState(type);
    return !st.wildcard && st.names.length === 0 ? undefined : st;
  }

  /** The full current state of `type`, unless it is what was last sent (and this is not a request). */
  protected build(type: XdsShortType, st: TypeState, node: ProxyNode, force: boolean, t0: number): Outgoing<DiscoveryResponse> | undefined {
    const set = this.cp.cache.resources(node);
    const chosen = selectResources(set, type, st.names, st.wildcard);
    const version = sotwVersion(type, chosen, st.names, st.wildcard);
    // Never re-send what was sent (and possibly NACKed) unless the client asked again.
    if (!force && st.sent?.version === version) return undefined;
    const resources = [];
    for (const r of chosen) { const a = this.cp.cache.packed(type, r); if (a) resources.push(a); }
    const nonce = this.nextNonce();
    const response: DiscoveryResponse = { version_info: version, resources, type_url: XDS_TYPES[type], nonce, control_plane: { identifier: 'sluice' } };
    this.states.set(type, { ...st, sent: { nonce, version, names: st.names, wildcard: st.wildcard, at: t0, generation: this.cp.generation, pushed: !force } });
    return { response, resources: resources.length };
  }

  protected typeSync(s: TypeState): TypeSync {
    return {
      status: syncStatus(s), sentVersion: s.sent?.version, sentNonce: s.sent?.nonce, ackedVersion: s.acked?.version, ackedNonce: s.acked?.nonce,
      error: s.nack?.message, nacks: s.nackCount, subscribed: s.wildcard ? '*' : s.names.length,
    };
  }
}
