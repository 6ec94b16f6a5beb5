import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsFor, findingsFor, istio } from './testing.ts';

const gw = (spec: string) => istio('Gateway', spec);
const one = (list: string[], re: RegExp) => assert.ok(list.some((l) => re.test(l)), `expected ${re} in:\n${list.join('\n')}`);

test('HTTP with httpsRedirect and HTTPS with credentialName are valid', () => {
  assert.deepEqual(findingsFor(gw(`
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [shop.example.com]
    tls: {httpsRedirect: true}
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["shop/*.example.com", "./api.example.com"]
    tls: {mode: SIMPLE, credentialName: cert}
`)), []);
});

test('servers, hosts, ports and protocols', () => {
  one(errorsFor(gw(`
  selector: {istio: ingressgateway}
`)), /gateway must have at least one server/);
  const errs = errorsFor(gw(`
  servers:
  - port: {number: 0, name: http, protocol: SMTP}
  - port: {number: 81, name: http, protocol: HTTP}
    hosts: ["~/foo.com", "ns/*.*.com"]
  - hosts: [a.com]
`));
  one(errs, /server config must contain at least one host/);
  one(errs, /port number 0 must be in the range/);
  one(errs, /invalid protocol "SMTP"/);
  one(errs, /port names in servers must be unique: duplicate name http/);
  one(errs, /invalid namespace value "~" in gateway host/);
  one(errs, /spec\.servers\[1\]\.hosts\[1\]: domain name "\*\.com" invalid \(label "\*" invalid\)/);
  one(errs, /port is required/);
});

test('TLS mode against certificates', () => {
  const errs = errorsFor(gw(`
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [a.com]
  - port: {number: 8443, name: https-2, protocol: HTTPS}
    hosts: [a.com]
    tls: {mode: SIMPLE}
  - port: {number: 9443, name: https-3, protocol: HTTPS}
    hosts: [a.com]
    tls: {mode: ISTIO_MUTUAL, credentialName: c}
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [a.com]
    tls: {mode: SIMPLE, credentialName: c}
`));
  one(errs, /spec\.servers\[0\]\.tls: server must have TLS settings for HTTPS\/TLS protocols/);
  one(errs, /SIMPLE TLS requires a server certificate/);
  one(errs, /SIMPLE TLS requires a private key/);
  one(errs, /ISTIO_MUTUAL TLS cannot have associated private key/);
  one(errs, /server cannot have TLS settings for plain text HTTP ports/);
});
