import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, selectResources, sotwVersion, toProxyConfig, toResourceSet } from './snapshot.ts';

const pc = {
  listeners: [{ name: 'b' }, { name: 'a', stat_prefix: 'x' }],
  routes: [{ name: 'r1' }],
  clusters: [{ name: 'c1', type: 'EDS' }],
  endpoints: [{ cluster_name: 'c1', endpoints: [] }],
};

test('resources are keyed by name, sorted, hashed by content; versions follow content and subscription', () => {
  const set = toResourceSet(pc);
  assert.deepEqual([...set.lds.keys()], ['a', 'b']);
  const again = toResourceSet(structuredClone(pc));
  assert.equal(again.lds.get('a')!.hash, set.lds.get('a')!.hash);
  const changed = toResourceSet({ ...pc, listeners: [{ name: 'b' }, { name: 'a', stat_prefix: 'y' }] });
  assert.notEqual(changed.lds.get('a')!.hash, set.lds.get('a')!.hash);
  const v = (s: typeof set, names: string[]) => sotwVersion('lds', selectResources(s, 'lds', names, false), names, false);
  assert.equal(v(set, ['a']), v(again, ['a']));
  assert.notEqual(v(set, ['a']), v(changed, ['a']));
  assert.equal(v(set, ['b']), v(changed, ['b']), 'a change elsewhere does not change this subscription’s version');
  assert.notEqual(v(set, ['a']), v(set, ['a', 'b']));
  assert.deepEqual(selectResources(set, 'lds', ['zz', 'b'], false).map((r) => r.name), ['b']);
  assert.deepEqual(selectResources(set, 'lds', [], true).map((r) => r.name), ['a', 'b']);
});

test('lazily built resources are built on first use only, and a dump shows what was built', () => {
  const built: string[] = [];
  const set = toResourceSet({ ...pc, routes: [], lazyRoutes: { names: ['r1', 'r2'], build: (n: string) => { built.push(n); return { name: n, virtual_hosts: [] }; } } });
  assert.equal(set.rds.size, 2);
  assert.deepEqual(built, []);
  assert.equal(set.rds.get('r2')!.name, 'r2');
  assert.equal(set.rds.get('r2')!.name, 'r2');
  assert.deepEqual(built, ['r2']);
  assert.equal(set.rds.get('nope'), undefined);
  assert.deepEqual(toProxyConfig(set).routes.map((r) => r.name), ['r2']);
});

test('canonical JSON sorts keys and drops undefined', () => {
  assert.equal(canonicalJson({ b: 1, a: [{ d: undefined, c: 2 }] }), '{"a":[{"c":2}],"b":1}');
});
