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

test('--admin --timeout beyond what a Node timer can arm is bad usage, not a leaked RangeError', async () => {
  const r = await run(['proxy-config', 'routes', '--admin', 'http://127.0.0.1:1', '--timeout', '99999999999999999999']);
  assert.equal(r.code, 64);
  assert.match(r.err, /--timeout must be a whole number of milliseconds, 1-2147483647/);
});

test('sluice --version prints the package version', async () => {
  const r = await run(['--version']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^\d+\.\d+\.\d+\n$/);
});

test('a pod or service that is in the input but invalid: "not found" says it was left out as invalid', async () => {
  const bad = file('invalid-pod.yaml', [
    'apiVersion: v1', 'kind: Pod', 'metadata: {name: p3, namespace: default, labels: {app: a}}',
    'spec: {containers: [{name: c, ports: [{containerPort: "abc"}]}]}', 'status: {podIP: 10.0.0.3, phase: Running}', '---',
    'apiVersion: v1', 'kind: Service', 'metadata: {name: b, namespace: default}', 'spec: {selector: {app: a}, ports: "abc"}', '',
  ].join('\n'));
  let r = await run(['proxy-config', 'routes', bad, '--proxy', 'pod/p3.default']);
  assert.equal(r.code, 1);
  assert.match(r.err, /Pod default\/p3 is in the input but invalid \(see the errors above\)/);
  r = await run(['describe', 'pod', 'p3', bad]);
  assert.equal(r.code, 1);
  assert.match(r.err, /Pod default\/p3 is in the input but invalid/);
  r = await run(['describe', 'svc', 'b', bad]);
  assert.equal(r.code, 1);
  assert.match(r.err, /Service default\/b is in the input but invalid/);
  r = await run(['proxy-config', 'routes', bad, '--proxy', 'pod/nope.default']);
  assert.match(r.err, /pod "nope" not found in namespace "default"/);
});

test('a translated router no Gateway selects: "no listeners found" says which Gateways select what', async () => {
  const r = await run(['proxy-config', 'listeners', 'examples/shop', '--proxy', 'router:istio-system:istio=nothing']);
  assert.equal(r.code, 1);
  assert.match(r.err, /no listeners found: no Gateway selects this router \(labels istio=nothing\); shop\/shop-gateway selects istio=ingressgateway/);
});

test('--proxy pod/NAME without .NS uses -n; a malformed pod/ is bad usage', async () => {
  let r = await run(['proxy-config', 'clusters', 'examples/shop', '--proxy', 'pod/productpage-v1-6b746f74dc-9stvs', '-n', 'shop']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /reviews\.shop\.svc\.cluster\.local/);
  r = await run(['proxy-config', 'clusters', 'examples/shop', '--proxy', 'pod/productpage-v1-6b746f74dc-9stvs']);
  assert.equal(r.code, 1);
  assert.match(r.err, /a pod of that name is in namespace "shop"/);
  r = await run(['proxy-config', 'clusters', 'examples/shop', '--proxy', 'pod/']);
  assert.equal(r.code, 64);
  assert.match(r.err, /pod name missing/);
});

test('translated proxy-config endpoints also lists STATIC / STRICT_DNS clusters\' inline endpoints, as /clusters does', async () => {
  const r = await run(['proxy-config', 'endpoints', 'examples/shop', '--proxy', POD]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^api\.payments\.example\.com:443 +HEALTHY +OK +outbound\|443\|\|api\.payments\.example\.com$/m);
  assert.match(r.out, /^10\.244\.1\.11:9080 +HEALTHY +OK +outbound\|9080\|v1\|reviews\.shop\.svc\.cluster\.local$/m);
});

test('describe --dump naming a pod that is not in the input is bad usage, not silently ignored', async () => {
  const r = await run(['describe', 'pod', 'productpage-v1-6b746f74dc-9stvs.shop', 'examples/shop', '--dump', 'typo.shop=x.json']);
  assert.equal(r.code, 64);
  assert.match(r.err, /--dump typo\.shop=…: the input has no pod typo\.shop/);
});

test('--admin with a non-HTTP scheme is bad usage', async () => {
  const r = await run(['proxy-config', 'routes', '--admin', 'ftp://127.0.0.1:1']);
  assert.equal(r.code, 64);
  assert.match(r.err, /expected an http:\/\/ or https:\/\/ URL/);
});

test('--admin HOST:PORT without a scheme means http://HOST:PORT', async () => {
  const r = await run(['proxy-config', 'routes', '--admin', '127.0.0.1:1', '--timeout', '2000']);
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot reach Envoy admin at 127\.0\.0\.1:1 \(/);
});
