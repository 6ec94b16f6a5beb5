import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Service } from '../../model/types.ts';
import { altVirtualHosts, DomainDeduper, serviceDomains } from './virtual-host-domains.ts';

const svc = (hostname: string, extra: Partial<Service> = {}): Service => ({
  hostname, namespace: hostname.split('.')[1] ?? 'default', name: hostname.split('.')[0]!, kind: 'Service', ports: [], addresses: ['10.0.0.5'],
  resolution: 'ClientSideLB', meshExternal: false, headless: false, exportTo: { public: true, namespaces: new Set() }, serviceAccounts: [],
  labels: {}, creationTime: '', source: undefined as never, ...extra,
});

test('same-namespace short forms: name, name.ns.svc, name.ns; other namespace: name.ns, name.ns.svc', () => {
  assert.deepEqual(altVirtualHosts('reviews.default.svc.cluster.local', 'default.svc.cluster.local'), ['reviews', 'reviews.default.svc', 'reviews.default']);
  assert.deepEqual(altVirtualHosts('reviews.prod.svc.cluster.local', 'default.svc.cluster.local'), ['reviews.prod', 'reviews.prod.svc']);
  assert.deepEqual(altVirtualHosts('api.example.com', 'default.svc.cluster.local'), []);
});

test('service domains: FQDN, FQDN., alt hosts, VIP (reference §1.5 example)', () => {
  assert.deepEqual(serviceDomains(svc('reviews.default.svc.cluster.local'), 'default.svc.cluster.local').domains,
    ['reviews.default.svc.cluster.local', 'reviews.default.svc.cluster.local.', 'reviews', 'reviews.default.svc', 'reviews.default', '10.0.0.5']);
});

test('headless k8s services also get *. domains; IPv6 VIPs are bracketed', () => {
  const d = serviceDomains(svc('h.ns.svc.cluster.local', { resolution: 'Passthrough', addresses: [] }), 'default.svc.cluster.local').domains;
  assert.ok(d.includes('*.h.ns.svc.cluster.local') && d.includes('*.h.ns'));
  assert.ok(serviceDomains(svc('v6.default.svc.cluster.local', { addresses: ['fd00::1'] }), 'default.svc.cluster.local').domains.includes('[fd00::1]'));
});

test('dedupe: the first vhost keeps a domain; an alt host never shadows a known FQDN', () => {
  const dd = new DomainDeduper();
  dd.knownFqdn.add('foo.com');
  assert.deepEqual(dd.dedupe(['a', 'b'], []), ['a', 'b']);
  assert.deepEqual(dd.dedupe(['b', 'c', 'foo.com'], ['foo.com']), ['c']);
});
