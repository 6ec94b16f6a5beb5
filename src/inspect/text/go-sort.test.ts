import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goSortSlice } from './go-sort.ts';

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

test('sorts like any correct sort when keys are distinct (sizes around the insertion-sort cutoff and pdqsort paths)', () => {
  const rnd = lcg(7);
  for (const n of [0, 1, 2, 12, 13, 50, 51, 200, 1000]) {
    const xs = Array.from({ length: n }, (_, i) => i).sort(() => rnd() - 0.5);
    const got = goSortSlice([...xs], (a, b) => a < b);
    assert.deepEqual(got, [...xs].sort((a, b) => a - b), `n=${n}`);
  }
});

test('handles sorted, reversed and all-equal inputs (pattern detection, partitionEqual)', () => {
  const asc = Array.from({ length: 300 }, (_, i) => i);
  assert.deepEqual(goSortSlice([...asc].reverse(), (a, b) => a < b), asc);
  assert.deepEqual(goSortSlice([...asc], (a, b) => a < b), asc);
  const eq = Array.from({ length: 100 }, (_, i) => ({ k: 1, i }));
  const out = goSortSlice([...eq], (a, b) => a.k < b.k);
  assert.deepEqual(out.map((x) => x.i).sort((a, b) => a - b), eq.map((x) => x.i));
});

test('with <= 12 elements it is an insertion sort: ties keep input order', () => {
  const xs = [{ k: 2, id: 'a' }, { k: 1, id: 'b' }, { k: 2, id: 'c' }, { k: 1, id: 'd' }];
  assert.deepEqual(goSortSlice(xs, (a, b) => a.k < b.k).map((x) => x.id), ['b', 'd', 'a', 'c']);
});

test("istioctl's route comparator (false for non-numeric names) leaves non-numeric names in place below 13 elements", () => {
  const names = ['http.8080', '9080', '80', 'backend', '15010'];
  const num = (s: string) => (/^[0-9]+$/.test(s) ? Number(s) : undefined);
  const got = goSortSlice([...names], (a, b) => { const i = num(a), j = num(b); return i !== undefined && j !== undefined && i < j; });
  assert.deepEqual(got, ['http.8080', '80', '9080', 'backend', '15010']);
});
