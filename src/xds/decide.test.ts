import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, syncStatus, type TypeState, type SentInfo } from './decide.ts';

const sent = (nonce: string, names: string[], version = 'v1'): SentInfo => ({ nonce, version, names, wildcard: false, at: 0, generation: 1 });
const withSent = (s: TypeState, info: SentInfo): TypeState => ({ ...s, sent: info });

test('first request: init (respond), Envoy wildcard for LDS/CDS without names, reconnect with an old nonce', () => {
  const a = decide(undefined, { names: ['b', 'a', 'a'], nonce: '', version: '' }, 0, 'eds');
  assert.equal(a.decision, 'init'); assert.equal(a.respond, true); assert.deepEqual(a.state.names, ['a', 'b']);
  const w = decide(undefined, { names: [], nonce: '', version: '' }, 0, 'cds');
  assert.equal(w.state.wildcard, true); assert.equal(w.respond, true);
  const e = decide(undefined, { names: [], nonce: '', version: '' }, 0, 'eds');
  assert.equal(e.state.wildcard, false); assert.equal(e.respond, false);
  const r = decide(undefined, { names: ['x'], nonce: '17', version: 'old' }, 0, 'rds');
  assert.equal(r.decision, 'reconnect'); assert.equal(r.respond, true);
});

test('ACK of the latest nonce records the version and does not respond', () => {
  const s = withSent(decide(undefined, { names: ['a'], nonce: '', version: '' }, 0, 'eds').state, sent('1', ['a']));
  const r = decide(s, { names: ['a'], nonce: '1', version: 'v1' }, 5, 'eds');
  assert.equal(r.decision, 'ack'); assert.equal(r.respond, false);
  assert.deepEqual(r.state.acked, { nonce: '1', version: 'v1', at: 5 });
  assert.equal(syncStatus(r.state), 'SYNCED');
});

test('NACK is recorded with its error, counted, and never answered with the same content', () => {
  const s = withSent(decide(undefined, { names: ['a'], nonce: '', version: '' }, 0, 'rds').state, sent('1', ['a']));
  const r = decide(s, { names: ['a'], nonce: '1', version: '', error: { code: 14, message: 'bad route' } }, 9, 'rds');
  assert.equal(r.decision, 'nack'); assert.equal(r.respond, false);
  assert.equal(r.state.nack?.message, 'bad route'); assert.equal(r.state.nack?.version, 'v1'); assert.equal(r.state.nackCount, 1);
  assert.equal(syncStatus(r.state), 'NACKED');
  // NACK with a version (partly valid response, as grpc-js sends) is still a NACK.
  const r2 = decide(s, { names: ['a'], nonce: '1', version: 'v1', error: { code: 14, message: 'x' } }, 9, 'rds');
  assert.equal(r2.decision, 'nack');
});

test('stale nonces are ignored; a later ACK is compared with the names the last response covered', () => {
  let s = withSent(decide(undefined, { names: ['a'], nonce: '', version: '' }, 0, 'cds').state, sent('1', ['a']));
  // the client subscribed to b before seeing response 1: its request still carries nonce ''
  const stale = decide(s, { names: ['a', 'b'], nonce: '', version: '' }, 1, 'cds');
  assert.equal(stale.decision, 'stale'); assert.equal(stale.respond, false);
  s = stale.state;
  // then it ACKs response 1 with names [a, b]: must be answered (the probe's bug)
  const ack = decide(s, { names: ['a', 'b'], nonce: '1', version: 'v1' }, 2, 'cds');
  assert.equal(ack.decision, 'resubscribe'); assert.equal(ack.respond, true);
});

test('unsubscribing from everything sends nothing; wildcard ACKs never count as resubscribe', () => {
  const s = withSent(decide(undefined, { names: ['a'], nonce: '', version: '' }, 0, 'eds').state, sent('1', ['a']));
  const u = decide(s, { names: [], nonce: '1', version: 'v1' }, 1, 'eds');
  assert.equal(u.decision, 'unsubscribe'); assert.equal(u.respond, false);
  const w0 = decide(undefined, { names: [], nonce: '', version: '' }, 0, 'lds').state;
  const w = withSent(w0, { ...sent('1', ['l1', 'l2']), wildcard: true });
  assert.equal(decide(w, { names: [], nonce: '1', version: 'v1' }, 1, 'lds').decision, 'ack');
});

test('sync status: NOT SENT, STALE, SYNCED, NACKED', () => {
  assert.equal(syncStatus(undefined), 'NOT SENT');
  const s = withSent(decide(undefined, { names: ['a'], nonce: '', version: '' }, 0, 'eds').state, sent('1', ['a']));
  assert.equal(syncStatus(s), 'STALE');
});

test('a NACK of an older response is counted but does not mark the response in flight NACKED', () => {
  const s = withSent(decide(undefined, { names: ['a'], nonce: '', version: '' }, 0, 'eds').state, sent('2', ['a'], 'v2'));
  const r = decide(s, { names: ['a'], nonce: '1', version: 'v0', error: { code: 3, message: 'old' } }, 1, 'eds');
  assert.equal(r.decision, 'nack'); assert.equal(r.respond, false);
  assert.equal(r.state.nackCount, 1); assert.equal(syncStatus(r.state), 'STALE');
});
