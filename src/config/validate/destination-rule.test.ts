import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsFor, findingsFor, istio } from './testing.ts';

const dr = (spec: string) => istio('DestinationRule', spec);
const one = (list: string[], re: RegExp) => assert.ok(list.some((l) => re.test(l)), `expected ${re} in:\n${list.join('\n')}`);

test('a DestinationRule with subsets and a traffic policy is valid', () => {
  assert.deepEqual(findingsFor(dr(`
  host: reviews
  trafficPolicy:
    connectionPool: {tcp: {maxConnections: 10, connectTimeout: 1s}, http: {http2MaxRequests: 5}}
    outlierDetection: {consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s}
    loadBalancer: {consistentHash: {httpCookie: {name: user, ttl: 0s}, maglev: {tableSize: 65537}}}
    tls: {mode: ISTIO_MUTUAL}
  subsets:
  - {name: v1, labels: {version: v1}}
`)), []);
});

test('host required, duplicate and invalid subset names, bad labels', () => {
  const errs = errorsFor(dr(`
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v1, labels: {"bad key!": v2}}
  - {name: V_2}
`));
  one(errs, /spec\.host: .*host is required/);
  one(errs, /spec\.subsets\[1\]\.name: duplicate subset names: v1/);
  one(errs, /subset name "V_2" is invalid/);
  one(errs, /invalid label key: "bad key!"/);
});

test('connection pool, outlier detection, load balancer and TLS ranges', () => {
  const errs = errorsFor(dr(`
  host: a
  trafficPolicy:
    connectionPool: {tcp: {maxConnections: -1, connectTimeout: 0s}}
    outlierDetection: {maxEjectionPercent: 120, interval: soon}
    loadBalancer:
      consistentHash: {httpCookie: {ttl: 1s}, maglev: {tableSize: 1000}}
      localityLbSetting: {distribute: [{from: "us/*", to: {"us/a/*": 60, "us/b/*": 30}}]}
    tls: {mode: SIMPLE, credentialName: x, caCertificates: /ca.pem}
    portLevelSettings:
    - {port: {number: 70000}, tls: {mode: MUTUAL}}
`));
  one(errs, /max connections must be non-negative/);
  one(errs, /connectTimeout "0s": duration must be greater than 1ms/);
  one(errs, /maxEjectionPercent must be in range \[0, 100\]/);
  one(errs, /interval "soon" is not a valid duration/);
  one(errs, /name required for HttpCookie/);
  one(errs, /tableSize must be a prime number for maglev/);
  one(errs, /total locality weight 90 != 100/);
  one(errs, /cannot specify client certificates or CA certificate or CA CRL If credentialName is set/);
  one(errs, /port number 70000 must be in the range 1\.\.65535/);
  one(errs, /client certificate required for mutual tls/);
});

test('simple and consistentHash together are rejected by the schema (oneOf)', () => {
  one(errorsFor(dr(`
  host: a
  trafficPolicy:
    loadBalancer: {simple: ROUND_ROBIN, consistentHash: {useSourceIp: true}}
`)), /only one of simple, consistentHash may be set/);
});

test('a workload selector limits exportTo to the own namespace', () => {
  one(errorsFor(dr(`
  host: a
  workloadSelector: {matchLabels: {app: a}}
  exportTo: ["*"]
`)), /destination rule with workload selector cannot have exportTo beyond current namespace/);
});
