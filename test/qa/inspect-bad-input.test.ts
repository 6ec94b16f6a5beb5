// QA regressions: proxy-config / diff with bad input exit with a clear message and a documented code,
// never commander's process.exit or an "internal error" stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-qa-'));
const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };
const CDS = 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump';
const EDS = 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump';
const ROUTES = 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump';
const POD = 'pod/productpage-v1-6b746f74dc-9stvs.shop';

async function run(args: string[], stdin?: string) {
  const io = captureIO(stdin);
  const code = await main(['node', 'sluice', ...args], io);
  const err = io.stderr();
  assert.doesNotMatch(err, /internal error|\n\s+at /, `no stack trace: ${err}`);
  return { code, out: io.stdout(), err };
}

test('proxy-config subcommands: an unknown flag is bad usage (64), not process.exit(1)', async () => {
  const r = await run(['proxy-config', 'routes', '--bogus']);
  assert.equal(r.code, 64);
  assert.match(r.err, /unknown option '--bogus'/);
});

test('proxy-config endpoints -f config_dump: reads the EDS section, or says what is missing', async () => {
  const withEds = file('eds.json', JSON.stringify({ configs: [{ '@type': EDS, dynamic_endpoint_configs: [{ endpoint_config: {
    cluster_name: 'outbound|9080||reviews.shop.svc.cluster.local',
    endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: '10.0.0.7', port_value: 9080 } } }, health_status: 'HEALTHY' }] }],
  } }] }] }));
  let r = await run(['proxy-config', 'endpoints', '-f', withEds]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /10\.0\.0\.7:9080 +HEALTHY +OK +outbound\|9080\|\|reviews\.shop\.svc\.cluster\.local/);
  r = await run(['proxy-config', 'endpoints', '-f', file('noeds.json', JSON.stringify({ configs: [{ '@type': CDS, static_clusters: [] }] }))]);
  assert.equal(r.code, 1);
  assert.match(r.err, /noeds\.json is a \/config_dump without an EDS section: capture it with \/config_dump\?include_eds/);
});

test('proxy-config flag values: --verbose and --port are checked (64)', async () => {
  const dump = file('routes.json', JSON.stringify({ configs: [{ '@type': ROUTES, dynamic_route_configs: [{ route_config: { name: '80', virtual_hosts: [{ name: 'a:80', domains: ['a'], routes: [{ match: { prefix: '/' }, route: { cluster: 'c' } }] }] } }] }] }));
  let r = await run(['proxy-config', 'routes', '-f', dump, '--verbose=maybe']);
  assert.equal(r.code, 64);
  assert.match(r.err, /--verbose must be true or false, got "maybe"/);
  r = await run(['proxy-config', 'routes', '-f', dump, '--verbose=false']);
  assert.equal(r.code, 0, r.err);
  r = await run(['proxy-config', 'clusters', '-f', dump, '--port', '99999999']);
  assert.equal(r.code, 64);
  assert.match(r.err, /--port must be a port number 0-65535/);
});

test('proxy-config -f DIRECTORY and -f - (empty stdin) name the problem', async () => {
  let r = await run(['proxy-config', 'routes', '-f', dir]);
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot read .*: it is a directory/);
  r = await run(['proxy-config', 'routes', '-f', '-'], '');
  assert.equal(r.code, 1);
  assert.match(r.err, /^Error: stdin is not valid JSON/);
});

test('--proxy: malformed is bad usage (64), a pod that is not there is a failure (1)', async () => {
  let r = await run(['proxy-config', 'routes', 'examples/shop', '--proxy', 'garbage']);
  assert.equal(r.code, 64);
  assert.match(r.err, /--proxy garbage: bad proxy "garbage"/);
  r = await run(['proxy-config', 'routes', 'examples/shop', '--proxy', 'pod/nope.shop']);
  assert.equal(r.code, 1);
  assert.match(r.err, /pod "nope" not found in namespace "shop"/);
});

test('diff --proxy: a pod in only one revision diffs against nothing; in neither, an error naming both', async () => {
  let r = await run(['diff', 'examples/shop', 'examples/broken', '--proxy', POD]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^- listener 0\.0\.0\.0_9080$/m, 'the pod is gone from the new revision: its listeners are removed');
  r = await run(['diff', 'examples/shop', 'examples/broken', '--proxy', 'pod/nope.shop']);
  assert.equal(r.code, 1);
  assert.match(r.err, /--proxy pod\/nope\.shop matches nothing in either revision \(examples\/shop, examples\/broken\)/);
  r = await run(['diff', 'examples/shop', 'examples/broken', '--proxy', 'garbage']);
  assert.equal(r.code, 64);
});
