import type { Connection, ControlPlane, TypeSync } from './control-plane.ts';
import { parseNode, type ProxyNode } from './node.ts';
import { PUSH_ORDER, shortType, XDS_TYPES, type XdsNode, type XdsShortType } from './types.ts';

/**
 * Where responses go: a gRPC duplex call, or an in-memory fake (tests, benchmark).
 * `write` returns false when the transport's buffer is full; then `onDrain` is awaited and pushes
 * in between are coalesced (SotW responses carry full state, so only the latest matters; delta
 * responses are computed against what the client holds, so one later send covers them too).
 */
export interface ResponseSink<R> {
  write(msg: R): boolean;
  onDrain(cb: () => void): void;
  /** End the stream with an error (bad first request). */
  fail(code: number, message: string): void;
}

/** What a response send reports: the message and how many resources it carries. */
export interface Outgoing<R> {
  readonly response: R;
  readonly resources: number;
}

/** The last response sent for a type, as far as convergence time needs it. */
export interface SentMark {
  readonly generation: number;
  /** Sent because the config changed (not in answer to a request). */
  readonly pushed?: boolean;
}

/**
 * What SotW and delta streams share: identity, first-request node registration, the type a
 * request is for, nonces, flow control (once a write finds the transport's buffer full, later sends
 * only mark their type dirty; when it drains, each dirty type gets one send, in PUSH_ORDER, of the
 * state at that moment), pushes, convergence reporting and closing. Subclasses supply the protocol:
 * how a request changes per-type state, and what (if anything) to send for a type.
 */
export abstract class StreamConnection<Req extends { node: XdsNode | null; type_url: string }, Res, State> implements Connection {
  abstract readonly kind: 'sotw' | 'delta';
  readonly id: string;
  readonly connectedAt: number;
  node: ProxyNode | undefined;
  readonly states = new Map<XdsShortType, State>();
  #nonce = 0;
  #blocked = false;
  #dirty = new Set<XdsShortType>();
  #closed = false;

  constructor(protected readonly cp: ControlPlane, private readonly sink: ResponseSink<Res>, readonly peer: string, protected readonly onlyType?: XdsShortType) {
    this.id = cp.nextConnectionId();
    this.connectedAt = cp.clock();
  }

  /** The stream's error when its first request has no node.id. */
  protected abstract readonly missingNodeMessage: string;
  /** A request for a type this stream does not serve arrived (already dropped). */
  protected abstract ignored(typeUrl: string, node: ProxyNode): void;
  /** Apply a request for `type` to the per-type state (and send if the protocol says so). */
  protected abstract handle(type: XdsShortType, req: Req, node: ProxyNode): void;
  /** The state to send `type` from, or undefined when nothing may be sent for it. */
  protected abstract sendable(type: XdsShortType): State | undefined;
  /** Build the response for `type` (recording it as sent) or undefined when there is nothing to send. */
  protected abstract build(type: XdsShortType, st: State, node: ProxyNode, force: boolean, t0: number): Outgoing<Res> | undefined;
  protected abstract typeSync(st: State): TypeSync;

  onRequest(req: Req): void {
    if (this.#closed) return;
    if (!this.node) {
      const raw: XdsNode | null = req.node;
      if (!raw?.id) return this.sink.fail(3, this.missingNodeMessage);
      this.node = parseNode(raw);
      this.cp.register(this);
    }
    const typeUrl = req.type_url || (this.onlyType ? XDS_TYPES[this.onlyType] : '');
    const type = shortType(typeUrl);
    if (!type || (this.onlyType && type !== this.onlyType)) return this.ignored(typeUrl, this.node);
    this.handle(type, req, this.node);
  }

  /** Send `type` if the protocol has something to send (or always, on request), unless the transport is full. */
  send(type: XdsShortType, force: boolean): void {
    if (!this.node || this.#closed) return;
    const st = this.sendable(type);
    if (st === undefined) return;
    if (this.#blocked) { this.#dirty.add(type); return; }
    const t0 = this.cp.clock();
    const out = this.build(type, st, this.node, force, t0);
    if (!out) return;
    if (!this.sink.write(out.response)) {
      this.#blocked = true;
      this.sink.onDrain(() => this.#drained());
    }
    this.cp.events.pushed?.(type, this.cp.clock() - t0, out.resources);
  }

  protected nextNonce(): string {
    return (++this.#nonce).toString(36);
  }

  #drained(): void {
    this.#blocked = false;
    const dirty = PUSH_ORDER.filter((t) => this.#dirty.has(t));
    this.#dirty.clear();
    for (const t of dirty) this.send(t, false);
  }

  /** An ACK of `sent`: if it was a push of the current generation, report the time since the change. */
  protected onAcked(type: XdsShortType, sent: SentMark): void {
    if (!sent.pushed || sent.generation !== this.cp.generation) return;
    const t0 = this.cp.changeTime(sent.generation);
    if (t0 !== undefined) this.cp.events.converged?.(type, this.cp.clock() - t0);
  }

  push(): void {
    for (const t of PUSH_ORDER) if (this.states.has(t)) this.send(t, false);
  }

  sync(): Partial<Record<XdsShortType, TypeSync>> {
    const out: Partial<Record<XdsShortType, TypeSync>> = {};
    for (const [t, s] of this.states) out[t] = this.typeSync(s);
    return out;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#dirty.clear();
    this.cp.unregister(this);
  }
}
