import { isWildcardType, type XdsShortType } from './types.ts';

/**
 * Pure ACK/NACK bookkeeping for one stream and one resource type, after Istio's
 * `ShouldRespond` (pilot/pkg/xds/ads.go): every request is classified, the per-type state is
 * updated, and the caller learns whether to respond. NACKs are recorded, never answered by
 * re-sending the rejected version; stale nonces are ignored; subscription changes are compared
 * with the names the *last response* covered (a client may change its subscription twice before
 * it sees our reply, and its second request then carries a stale nonce).
 */
export interface SentInfo {
  readonly nonce: string; readonly version: string; readonly names: readonly string[]; readonly wildcard: boolean; readonly at: number; readonly generation: number;
  /** A push caused by a config change (counts towards convergence time), not an answer to a request. */
  readonly pushed?: boolean;
}
export interface AckInfo { readonly nonce: string; readonly version: string; readonly at: number }
export interface NackInfo { readonly nonce: string; readonly version: string; readonly message: string; readonly code: number; readonly at: number }

export interface TypeState {
  readonly type: XdsShortType;
  /** Envoy's wildcard subscription (LDS/CDS with no names on the first request). */
  readonly wildcard: boolean;
  /** Names the client currently subscribes to (sorted, deduplicated). */
  readonly names: readonly string[];
  readonly sent?: SentInfo;
  readonly acked?: AckInfo;
  /** The last NACK for the response currently in flight (cleared by a later ACK). */
  readonly nack?: NackInfo;
  /** NACKs received on this stream for this type. */
  readonly nackCount: number;
}

export type Decision =
  | 'init'        // first request for this type on this stream: respond
  | 'reconnect'   // first request, but carrying a nonce from an earlier stream: respond
  | 'ack'         // client accepted the latest response; nothing to send
  | 'nack'        // client rejected the latest response: record, do not re-send
  | 'stale'       // a request answering an older response: ignore
  | 'resubscribe' // names differ from what the last response covered: respond
  | 'unsubscribe';// the client dropped every name: nothing to send

export interface DecideResult { readonly decision: Decision; readonly respond: boolean; readonly state: TypeState }

export interface RequestView {
  readonly names: readonly string[];
  readonly nonce: string;
  readonly version: string;
  readonly error?: { readonly code: number; readonly message: string };
}

export function normalizeNames(names: readonly string[]): string[] {
  return [...new Set(names)].sort();
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function initialState(type: XdsShortType): TypeState {
  return { type, wildcard: false, names: [], nackCount: 0 };
}

export function decide(prev: TypeState | undefined, req: RequestView, now: number, type: XdsShortType): DecideResult {
  const names = normalizeNames(req.names);
  if (!prev || !prev.sent) {
    // First request of this type on this stream (Envoy: wildcard when LDS/CDS come without names).
    const base = prev ?? initialState(type);
    const wildcard = isWildcardType(type) && names.length === 0 && !prev;
    const state: TypeState = { ...base, wildcard: wildcard || base.wildcard, names };
    const decision: Decision = req.nonce ? 'reconnect' : 'init';
    return { decision, respond: state.wildcard || names.length > 0, state };
  }
  if (req.error) {
    // Istio checks error_detail before the nonce: every NACK is counted, even one for an older
    // response; only a NACK of the response in flight sets the NACKED status and its error.
    const current = req.nonce === prev.sent.nonce;
    const nack: NackInfo = { nonce: req.nonce, version: prev.sent.version, message: req.error.message, code: req.error.code, at: now };
    const state: TypeState = current ? { ...prev, names, nack, nackCount: prev.nackCount + 1 } : { ...prev, nackCount: prev.nackCount + 1 };
    // A NACK may also change the subscription; answer that, never the rejected content itself.
    const changed = current && !prev.wildcard && !sameNames(names, prev.sent.names);
    return { decision: 'nack', respond: changed && names.length > 0, state };
  }
  if (req.nonce !== prev.sent.nonce) return { decision: 'stale', respond: false, state: prev };
  const acked: AckInfo = { nonce: req.nonce, version: req.version, at: now };
  const state: TypeState = { ...prev, names, acked, nack: undefined };
  if (prev.wildcard) return { decision: 'ack', respond: false, state };
  if (names.length === 0 && prev.sent.names.length > 0) return { decision: 'unsubscribe', respond: false, state };
  if (!sameNames(names, prev.sent.names)) return { decision: 'resubscribe', respond: true, state };
  return { decision: 'ack', respond: false, state };
}

/** What the proxy-status table shows for one type. */
export type SyncStatus = 'SYNCED' | 'STALE' | 'NACKED' | 'NOT SENT';

export function syncStatus(s: TypeState | undefined): SyncStatus {
  if (!s?.sent) return 'NOT SENT';
  if (s.nack && s.nack.nonce === s.sent.nonce) return 'NACKED';
  if (s.acked?.nonce === s.sent.nonce) return 'SYNCED';
  return 'STALE';
}
