// The simulation conformance runner's mapping and comparison (scripts/conformance/simulation.ts) follow
// Pilot's Call.FillDefaults and Result.Matches; checked here on hand-made calls, without the corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareResult, pilotResult, requestFromCall } from '../../scripts/conformance/simulation.ts';
import { trace } from '../../src/simulate/index.ts';
import { sidecarConfig } from '../../src/simulate/testdata/sidecar-config.ts';

test('Result.Matches: error always compared, other fields only when expected, all with strictMatch', () => {
  const got = { listenerMatched: 'l', filterChainMatched: '', routeConfigMatched: '80', virtualHostMatched: 'vh', routeMatched: '', clusterMatched: 'c' };
  assert.equal(compareResult({ clusterMatched: 'c' }, got), null);
  assert.match(compareResult({ clusterMatched: 'd' }, got)!, /clusterMatched: want "d", got "c"/);
  assert.match(compareResult({ error: 'ErrNoRoute' }, got)!, /error: want ErrNoRoute, got none/);
  assert.match(compareResult({ listenerMatched: 'l', strictMatch: true }, got)!, /routeConfigMatched: want "", got "80"/);
  assert.match(compareResult({}, { ...got, error: 'ErrNoListener' })!, /want none, got ErrNoListener/);
});

test('calls map to requests with Pilot defaults; weighted routes leave clusterMatched empty', () => {
  const req = requestFromCall({ port: 9080, protocol: 'http', hostHeader: 'reviews', path: '/x' });
  assert.deepEqual([req.tls, req.protocol, req.host, req.inbound], ['none', 'http', 'reviews', false]);
  assert.equal(requestFromCall({ port: 443, tls: 'tls', hostHeader: 'a.com' }).sni, 'a.com');
  assert.equal(requestFromCall({ port: 1 }).protocol, 'tcp', 'no protocol: not HTTP');
  const r = pilotResult(trace(sidecarConfig, req));
  assert.deepEqual(r, { listenerMatched: '0.0.0.0_9080', filterChainMatched: '', routeConfigMatched: '9080', virtualHostMatched: 'reviews.default.svc.cluster.local:9080', routeMatched: 'default', clusterMatched: '' });
  const missing = pilotResult(trace(sidecarConfig, requestFromCall({ port: 9080, protocol: 'http', hostHeader: 'reviews', path: '/m' })));
  assert.equal(missing.error, undefined, 'Pilot never checks CDS: a missing cluster is not an error there');
  assert.equal(missing.clusterMatched, 'outbound|9080||ghost');
});
