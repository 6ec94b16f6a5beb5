import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { ControlPlane } from './control-plane.ts';
import { buildSnapshot } from '../config/snapshot.ts';

function setup() {
  mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  const cp = new ControlPlane({ generate: () => ({ listeners: [], routes: [], clusters: [], endpoints: [] }), clock: () => now });
  const advance = (ms: number) => { now += ms; mock.timers.tick(ms); };
  return { cp, advance };
}

test('debounce: a burst is pushed once, 100 ms after the last change', (t) => {
  const { cp, advance } = setup();
  t.after(() => mock.timers.reset());
  const snap = buildSnapshot([]);
  for (let i = 0; i < 5; i++) { cp.update(snap); advance(50); }
  assert.equal(cp.generation, 0);
  advance(60);
  assert.equal(cp.generation, 1);
});

test('debounce: a change stream never quiet is still pushed at the 10 s cap', (t) => {
  const { cp, advance } = setup();
  t.after(() => mock.timers.reset());
  const snap = buildSnapshot([]);
  let firstPush = -1;
  for (let ms = 0; ms < 12_000; ms += 50) {
    cp.update(snap);
    advance(50);
    if (cp.generation > 0 && firstPush < 0) firstPush = ms + 50;
  }
  assert.ok(firstPush >= 10_000 && firstPush <= 10_100, `first push at ${firstPush} ms`);
});

test('large pushes are spread over event-loop turns; a newer revision supersedes the rest', async () => {
  const cp = new ControlPlane({ generate: () => ({ listeners: [], routes: [], clusters: [], endpoints: [] }) });
  const pushes: number[] = [];
  for (let i = 0; i < 120; i++) {
    cp.connections.add({ id: `c${i}`, kind: 'sotw', peer: '', connectedAt: 0, node: undefined, push: () => pushes.push(i), sync: () => ({}), close: () => {} });
  }
  cp.apply(buildSnapshot([]));
  assert.equal(pushes.length, 50, 'the first batch is pushed at once');
  cp.apply(buildSnapshot([]));
  assert.equal(pushes.length, 100);
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  assert.equal(pushes.length, 50 + 120, 'the superseded push stopped after its first batch; the newer one reached everyone');
});
