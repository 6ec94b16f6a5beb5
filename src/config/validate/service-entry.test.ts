import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsFor, findingsFor, istio } from './testing.ts';

const se = (spec: string) => istio('ServiceEntry', spec);
const one = (list: string[], re: RegExp) => assert.ok(list.some((l) => re.test(l)), `expected ${re} in:\n${list.join('\n')}`);

test('DNS and STATIC ServiceEntries are valid', () => {
  assert.deepEqual(findingsFor(se(`
  hosts: [api.payments.example.com]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
  location: MESH_EXTERNAL
`)), []);
  assert.deepEqual(findingsFor(se(`
  hosts: [db.internal]
  addresses: [10.1.0.0/16]
  ports: [{number: 5432, name: tcp, protocol: TCP}]
  resolution: STATIC
  endpoints: [{address: 10.1.2.3, ports: {tcp: 15432}}]
`)), []);
});

test('hosts, ports, addresses', () => {
  const errs = errorsFor(se(`
  hosts: ["*", "bad_host.com"]
  addresses: [not-an-ip]
  ports:
  - {number: 80, name: http, protocol: HTTP}
  - {number: 80, name: http, protocol: GOPHER}
`));
  one(errs, /invalid host \*/);
  one(errs, /label "bad_host" invalid/);
  one(errs, /invalid address not-an-ip/);
  one(errs, /service entry port 80 already defined/);
  one(errs, /service entry port name "http" already defined/);
  one(errs, /invalid protocol "GOPHER"/);
  one(errorsFor(se(`
  hosts: [a.com, b.com]
  ports: [{number: 5432, name: tcp-db, protocol: TCP}]
  resolution: DNS
`)), /multiple hosts provided with non-HTTP, non-TLS ports/);
  one(errorsFor(se(`
  hosts: [a.com]
  ports: [{number: 80, name: Bad_Name}]
`)), /invalid port name: Bad_Name/);
  one(errorsFor(se('  ports: [{number: 80, name: http}]\n')), /service entry must have at least one host/);
});

test('resolution against endpoints and workloadSelector', () => {
  one(errorsFor(se(`
  hosts: [a.com]
  ports: [{number: 80, name: http}]
  resolution: NONE
  endpoints: [{address: 1.1.1.1}]
`)), /no endpoints should be provided for resolution type none/);
  one(errorsFor(se(`
  hosts: [a.com]
  ports: [{number: 80, name: http}]
  resolution: STATIC
  endpoints: [{address: a.example.com, ports: {grpc: 9000}}]
`)), /endpoint address "a\.example\.com" is not a valid IP address/);
  one(errorsFor(se(`
  hosts: ["*.a.com"]
  ports: [{number: 80, name: http}]
  resolution: DNS
`)), /hosts must be FQDN if no endpoints are provided for resolution mode DNS/);
  one(errorsFor(se(`
  hosts: [a.com]
  ports: [{number: 80, name: http}]
  resolution: STATIC
  workloadSelector: {labels: {app: a}}
  endpoints: [{address: 1.1.1.1}]
`)), /only one of WorkloadSelector or Endpoints is allowed/);
  one(errorsFor(se(`
  hosts: [a.com]
  ports: [{number: 80, name: http}]
  resolution: STATIC
  endpoints: [{address: 1.1.1.1, ports: {grpc: 9000}}]
`)), /endpoint port grpc is not defined by the service entry/);
});

test('exportTo: ~ cannot be combined', () => {
  one(errorsFor(se(`
  hosts: [a.com]
  ports: [{number: 80, name: http}]
  exportTo: ["~", "."]
`)), /cannot export service entry to no one \(~\) and someone/);
});
