// QA regressions: translate / trace / test with bad input exit with a clear message and a documented code
// (0 ok, 1 failure, 64 bad usage, 65 input that cannot be read or parsed), never a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

const dir = mkdtempSync(join(tmpdir(), 'sluice-qa-f1-'));
const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };
const POD = 'pod/productpage-v1-6b746f74dc-9stvs.shop';
const SHOP = resolve('examples/shop');

async function run(args: string[], stdin?: string) {
  const io = captureIO(stdin);
  const code = await main(['node', 'sluice', ...args], io);
  const err = io.stderr();
  assert.doesNotMatch(err, /internal error|\n\s+at /, `no stack trace: ${err}`);
  return { code, out: io.stdout(), err };
}

test('translate: unreadable or unparseable input is 65; malformed --proxy 64; unknown pod 1', async () => {
  let r = await run(['translate', join(dir, 'nonexistent'), '--proxy', 'sidecar:shop']);
  assert.equal(r.code, 65);
  assert.match(r.err, /cannot read .*nonexistent: no such file/);
  assert.equal(r.out, '', 'no empty config dump on stdout');
  r = await run(['translate', file('bad.yaml', 'a: [\n'), '--proxy', 'sidecar:shop']);
  assert.equal(r.code, 65);
  assert.match(r.err, /bad\.yaml:2:1\) YAML syntax error/);
  r = await run(['translate', SHOP, '--proxy', 'garbage']);
  assert.equal(r.code, 64);
  assert.match(r.err, /--proxy garbage: bad proxy "garbage"/);
  r = await run(['translate', SHOP, '--proxy', 'pod/nope.shop']);
  assert.equal(r.code, 1);
  assert.match(r.err, /pod "nope" not found in namespace "shop"/);
});

test('trace: impossible request flags are bad usage (64) with a message naming the flag', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--host', 'reviews:abc'], /--host "reviews:abc": port "abc" is not a number/],
    [['--host', 'reviews', '--address', 'notanip'], /--address "notanip" is not an IP address/],
    [['--host', 'reviews', '--address', '999.1.1.1'], /--address "999\.1\.1\.1" is not an IP address/],
    [['--host', 'reviews', '--path', 'no-slash'], /--path "no-slash" must start with "\/"/],
    [['--host', 'reviews', '--method', ''], /--method is empty/],
    [[], /--host is required/],
  ];
  for (const [flags, msg] of cases) {
    const r = await run(['trace', SHOP, '--proxy', POD, ...flags]);
    assert.equal(r.code, 64, flags.join(' '));
    assert.match(r.err, msg);
  }
});

test('trace: --sni without --tls and --path with --protocol tcp warn on stderr', async () => {
  let r = await run(['trace', SHOP, '--proxy', POD, '--host', 'reviews', '--sni', 'x.example.com']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /warning: --sni is ignored without --tls/);
  r = await run(['trace', SHOP, '--proxy', POD, '--host', 'reviews', '--protocol', 'tcp', '--path', '/x']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /warning: --path ignored with --protocol tcp/);
  r = await run(['trace', SHOP, '--proxy', POD, '--host', 'reviews']);
  assert.doesNotMatch(r.err, /warning/, 'defaults warn about nothing');
});

test('trace: a trailing-dot FQDN finds the service port like the plain FQDN', async () => {
  const plain = JSON.parse((await run(['trace', SHOP, '--proxy', POD, '--host', 'reviews.shop.svc.cluster.local', '-o', 'json'])).out);
  const dotted = JSON.parse((await run(['trace', SHOP, '--proxy', POD, '--host', 'reviews.shop.svc.cluster.local.', '-o', 'json'])).out);
  assert.equal(dotted.request.port, 9080);
  assert.deepEqual(dotted.clusters, plain.clusters);
  assert.equal(dotted.route?.virtualService, 'reviews.shop');
});

test('trace --proxy pod/NAME takes -n; a pod that is not there is 1, a malformed spec 64', async () => {
  let r = await run(['trace', SHOP, '--proxy', 'pod/productpage-v1-6b746f74dc-9stvs', '-n', 'shop', '--host', 'reviews', '-o', 'json']);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).route?.virtualService, 'reviews.shop');
  r = await run(['trace', SHOP, '--proxy', 'pod/nope', '-n', 'shop', '--host', 'reviews']);
  assert.equal(r.code, 1);
  assert.match(r.err, /pod "nope" not found in namespace "shop"/);
  r = await run(['trace', SHOP, '--proxy', 'sidecar', '--host', 'reviews']);
  assert.equal(r.code, 64);
});

test('trace --config-dump: unreadable and unparseable are both 65, named once; stdin is "stdin"; no EDS is said', async () => {
  let r = await run(['trace', '--config-dump', join(dir, 'missing.json'), '--host', 'reviews']);
  assert.equal(r.code, 65);
  assert.match(r.err, /cannot read .*missing\.json: no such file/);
  const bad = file('bad.json', '{');
  r = await run(['trace', '--config-dump', bad, '--host', 'reviews']);
  assert.equal(r.code, 65);
  assert.equal(r.err.split(bad).length - 1, 1, `file named once: ${r.err}`);
  r = await run(['trace', '--config-dump', '-', '--host', 'reviews'], '{');
  assert.equal(r.code, 65);
  assert.match(r.err, /^Error: stdin is not valid JSON/);
  const dump = JSON.parse((await run(['translate', SHOP, '--proxy', POD])).out);
  dump.configs = dump.configs.filter((c: { '@type': string }) => !c['@type'].includes('EndpointsConfigDump'));
  r = await run(['trace', '--config-dump', file('noeds.json', JSON.stringify(dump)), '--host', 'reviews.shop', '--port', '9080']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /endpoints unknown: the dump has no EDS section \(captured without \/config_dump\?include_eds\)/);
  assert.doesNotMatch(r.out, /no endpoints/);
});

test('trace prints fault injection in words', async () => {
  let r = await run(['trace', SHOP, '--proxy', POD, '--host', 'ratings', '-H', 'end-user: jason']);
  assert.match(r.out, /fault injection: delay 2s for 100% of requests$/m);
  r = await run(['trace', SHOP, '--proxy', POD, '--host', 'ratings']);
  assert.match(r.out, /fault injection: abort 503 for 5% of requests$/m);
  assert.doesNotMatch(r.out, /fault injection \{/);
});

test('sluice test: paths as given, missing file 65, multi-document files, a bad proxy names file:line and field', async () => {
  mkdirSync(join(dir, 'cfg'), { recursive: true });
  writeFileSync(join(dir, 'cfg', 'mesh.yaml'), `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec: {ports: [{name: http, port: 9080}], selector: {app: reviews}}
`);
  const multi = file('multi.yaml', `config: [cfg]
proxy: sidecar:shop
tests:
- name: one
  request: {host: reviews}
  expect: {cluster: outbound|9080||reviews.shop.svc.cluster.local}
---
config: [cfg]
proxy: sidecar:default
tests:
- name: two
  request: {host: reviews.shop}
  expect: {cluster: outbound|9080||reviews.shop.svc.cluster.local}
---
`);
  const given = relative(process.cwd(), multi);
  let r = await run(['test', given]);
  assert.equal(r.code, 0, r.err + r.out);
  assert.match(r.out, new RegExp(`^PASS  ${given.replace(/[.]/g, '\\.')}: one$`, 'm'));
  assert.match(r.out, /: two$/m);
  r = await run(['test', multi]);
  assert.match(r.out, new RegExp(`^PASS  ${multi.replace(/[.]/g, '\\.')}: one$`, 'm'), 'an absolute path stays absolute');
  r = await run(['test', join(dir, 'missing.yaml')]);
  assert.equal(r.code, 65);
  assert.match(r.err, /cannot read .*missing\.yaml: no such file/);
  const garbage = file('garbage.yaml', 'config: [cfg]\ntests:\n- name: a\n  proxy: garbage\n  request: {host: reviews}\n  expect: {}\n');
  r = await run(['test', garbage]);
  assert.equal(r.code, 65);
  assert.match(r.err, /garbage\.yaml:4: tests\[0\]\.proxy: bad proxy "garbage"/);
  const nopod = file('nopod.yaml', 'config: [cfg]\nproxy: pod/nope.shop\ntests:\n- name: a\n  request: {host: reviews}\n  expect: {}\n');
  r = await run(['test', nopod]);
  assert.equal(r.code, 1);
  assert.match(r.err, /nopod\.yaml:2: proxy: proxy pod\/nope\.shop: pod "nope" not found/);
  r = await run(['test', file('badyaml.yaml', 'tests: [\n')]);
  assert.equal(r.code, 65);
  assert.match(r.err, /badyaml\.yaml:2: not valid YAML: /);
  assert.doesNotMatch(r.err, /parseAllDocuments/);
  r = await run(['test', file('badhost.yaml', 'config: [cfg]\nproxy: sidecar:shop\ntests:\n- name: a\n  request: {host: "reviews:abc"}\n  expect: {}\n')]);
  assert.equal(r.code, 65);
  assert.match(r.err, /badhost\.yaml:5: tests\[0\]\.request\.host: "reviews:abc": port "abc" is not a number/);
});

test('a VirtualService redirect with port and no scheme follows Istio (scheme from the server TLS)', async () => {
  const yaml = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [plain.example.com]
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [secure.example.com]
    tls: {mode: SIMPLE, credentialName: cert}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: redirects, namespace: shop}
spec:
  hosts: [plain.example.com, secure.example.com]
  gateways: [gw]
  http:
  - redirect: {uri: /moved, port: 80}
`;
  const r = await run(['translate', SHOP, file('redirect.yaml', yaml), '--proxy', 'pod/istio-ingressgateway-7f8d6c9d4b-5xq2n.istio-system']);
  assert.equal(r.code, 0, r.err);
  const routes = JSON.parse(r.out).configs.find((c: { '@type': string }) => c['@type'].includes('RoutesConfigDump')).dynamic_route_configs.map((x: { route_config: unknown }) => x.route_config);
  const redirectFor = (domain: string) => {
    for (const rc of routes) for (const vh of rc.virtual_hosts) if (vh.domains.includes(domain)) return vh.routes.find((x: { redirect?: unknown }) => x.redirect)?.redirect;
    return undefined;
  };
  assert.deepEqual(redirectFor('plain.example.com'), { path_redirect: '/moved', response_code: 'MOVED_PERMANENTLY' }, 'http server: :80 is the default, dropped');
  assert.deepEqual(redirectFor('secure.example.com'), { path_redirect: '/moved', port_redirect: 80, response_code: 'MOVED_PERMANENTLY' }, 'TLS server: https implied, 80 kept');
});
