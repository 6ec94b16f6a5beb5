import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsFor, findingsFor, istio } from './testing.ts';

const sc = (spec: string) => istio('Sidecar', spec);
const one = (list: string[], re: RegExp) => assert.ok(list.some((l) => re.test(l)), `expected ${re} in:\n${list.join('\n')}`);

test('a namespace-wide Sidecar with ns/host egress hosts is valid', () => {
  assert.deepEqual(findingsFor(sc(`
  egress:
  - hosts: ["./*", "istio-system/*", "~/*", "*/api.example.com"]
`)), []);
});

test('egress hosts must be ns/host; ports; listener order', () => {
  const errs = errorsFor(sc(`
  egress:
  - hosts: [reviews, "Bad_NS/*"]
  - port: {number: 99999, protocol: HTTP}
    hosts: []
`));
  one(errs, /host "reviews" must be of form namespace\/dnsName/);
  one(errs, /invalid namespace value "Bad_NS" in sidecar host/);
  one(errs, /port number 99999/);
  one(errs, /egress listener must contain at least one host/);
  one(errs, /the egress listener with empty port should be the last listener/);
});

test('ingress listeners need a port and a well-formed defaultEndpoint', () => {
  const errs = errorsFor(sc(`
  ingress:
  - defaultEndpoint: 127.0.0.1:8080
  - port: {number: 9080, protocol: HTTP, name: http}
    defaultEndpoint: 10.0.0.1:8080
`));
  one(errs, /port is required for ingress listeners/);
  one(errs, /defaultEndpoint must be of form 127\.0\.0\.1:<port>/);
});

test('an empty Sidecar is rejected', () => {
  one(errorsFor(sc('  {}\n')), /sidecar: empty configuration provided/);
});
