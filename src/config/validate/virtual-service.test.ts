import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsFor, findingsFor, istio } from './testing.ts';

const vs = (spec: string) => istio('VirtualService', spec);
const one = (list: string[], re: RegExp) => assert.ok(list.some((l) => re.test(l)), `expected ${re} in:\n${list.join('\n')}`);

test('a plain VirtualService is valid', () => {
  assert.deepEqual(findingsFor(vs(`
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 90
    - destination: {host: reviews, subset: v2}
      weight: 10
`)), []);
});

test('hosts: wildcard only in the first label, * not for the mesh, duplicates, no host and no routes', () => {
  one(errorsFor(vs(`
  hosts: ["foo.*.com"]
  http: [{route: [{destination: {host: a}}]}]
`)), /spec\.hosts\[0\]: .*label "\*" invalid/);
  one(errorsFor(vs(`
  hosts: ["*"]
  http: [{route: [{destination: {host: a}}]}]
`)), /wildcard host \* is not allowed for virtual services bound to the mesh gateway/);
  assert.deepEqual(errorsFor(vs(`
  hosts: ["*"]
  gateways: [gw]
  http: [{route: [{destination: {host: a}}]}]
`)), []);
  one(errorsFor(vs(`
  hosts: ["*.example.com", "a.example.com"]
  http: [{route: [{destination: {host: a}}]}]
`)), /duplicate hosts in virtual service: \*\.example\.com & a\.example\.com/);
  one(errorsFor(vs(`
  hosts: [a]
`)), /http, tcp or tls must be provided/);
});

test('delegate VirtualServices (no hosts) must not have gateways or tcp/tls', () => {
  one(errorsFor(vs(`
  gateways: [gw]
  http: [{route: [{destination: {host: a}}]}]
`)), /delegate virtual service must have no gateways specified/);
});

test('http route conflicts: route+redirect, nothing at all, mirror+mirrors', () => {
  one(errorsFor(vs(`
  hosts: [a]
  http:
  - redirect: {uri: /x}
    route: [{destination: {host: a}}]
`)), /HTTP route cannot contain both route and redirect/);
  one(errorsFor(vs(`
  hosts: [a]
  http:
  - timeout: 1s
`)), /HTTP route, redirect or direct_response is required/);
  one(errorsFor(vs(`
  hosts: [a]
  http:
  - route: [{destination: {host: a}}]
    mirror: {host: b}
    mirrors: [{destination: {host: c}}]
`)), /cannot contain both mirror and mirrors/);
});

test('weights, durations, retries, faults, regexes, headers', () => {
  const errs = errorsFor(vs(`
  hosts: [a]
  http:
  - match:
    - uri: {regex: "a(b"}
      headers:
        "bad header": {exact: x}
    route:
    - destination: {host: a}
      weight: -1
    - destination: {host: b}
      weight: 0
    timeout: 500us
    retries: {attempts: 3, perTryTimeout: 0s, retryOn: "5xx,teapot,503"}
    fault:
      abort: {httpStatus: 700, percentage: {value: 150}}
    mirrorPercentage: {value: 101}
`));
  one(errs, /spec\.http\[0\]\.match\[0\]\.uri\.regex: .*not a valid regex/);
  one(errs, /header name bad header is not a valid header name/);
  one(errs, /weight -1 < 0/);
  one(errs, /spec\.http\[0\]\.timeout: timeout "500us": duration must be greater than 1ms/);
  one(errs, /perTryTimeout "0s": duration must be greater than 1ms/);
  one(errs, /"teapot" is not a valid retryOn policy/);
  assert.ok(!errs.some((e) => /"503"/.test(e)), 'status codes are valid retryOn values');
  one(errs, /invalid abort http status 700/);
  one(errs, /percentage 150 is not in range 0\.\.100/);
  one(errs, /mirror_percentage must have a max value of 100/);
});

test('tcp and tls routes: routes required, SNI hosts must be within the VirtualService hosts', () => {
  const errs = errorsFor(vs(`
  hosts: [a.example.com]
  tls:
  - match: [{sniHosts: [b.example.com], port: 443}]
    route: [{destination: {host: a.example.com}}]
  tcp:
  - match: [{destinationSubnets: [10.0.0.0/33]}]
`));
  one(errs, /SNI host "b\.example\.com" is not a compatible subset/);
  one(errs, /TCP route is required/);
  one(errs, /"10\.0\.0\.0\/33" is not a valid IP or CIDR/);
});

test('gateway names and exportTo', () => {
  const errs = errorsFor(vs(`
  hosts: [a]
  gateways: ["a/b/c", "Bad_NS/gw"]
  exportTo: [".", "*"]
  http: [{route: [{destination: {host: a}}]}]
`));
  one(errs, /cannot have more than one \/ separator/);
  one(errs, /invalid value for namespace: "Bad_NS"/);
  one(errs, /cannot have both public \(\*\) and non-public exportTo values/);
});

test('unreachable rules and ineffective matches are warnings (IST0130) and infos (IST0131); the object is kept', () => {
  const text = vs(`
  hosts: [a]
  http:
  - match: [{uri: {prefix: /api}}]
    route: [{destination: {host: a}}]
  - match: [{uri: {prefix: /api}, name: again}]
    route: [{destination: {host: b}}]
  - match: [{uri: {prefix: /api/v2}}]
    route: [{destination: {host: b}}]
  - route: [{destination: {host: a}}]
  - route: [{destination: {host: b}}]
`);
  assert.deepEqual(errorsFor(text), []);
  const all = findingsFor(text);
  one(all, /IST0130 spec\.http\[1\]: VirtualService rule 1 not used \(all matches used by prior rules\)/);
  one(all, /IST0130 spec\.http\[4\]: VirtualService rule 4 not used \(only the last rule can have no matches\)/);
});

test('JWT claim routing only on gateways', () => {
  one(errorsFor(vs(`
  hosts: [a]
  http:
  - match: [{headers: {"@request.auth.claims.group": {exact: admin}}}]
    route: [{destination: {host: a}}]
`)), /JWT claim based routing .* is only supported for gateways/);
});

test('header operations on routes and destinations: no pseudo headers except the request authority', () => {
  const errs = errorsFor(vs(`
  hosts: [a]
  http:
  - headers:
      request: {set: {":authority": a.example.com, "x-ok": "1"}}
      response: {remove: [":status"]}
    route:
    - destination: {host: a}
      headers:
        response: {add: {"host": x, "bad header": y}}
`));
  assert.equal(errs.length, 3, errs.join('\n'));
  one(errs, /spec\.http\[0\]\.headers\.response\.remove\[0\]: invalid header ":status"/);
  one(errs, /spec\.http\[0\]\.route\[0\]\.headers\.response\.add\.host: invalid header "host"/);
  one(errs, /header name bad header is not a valid header name/);
});
