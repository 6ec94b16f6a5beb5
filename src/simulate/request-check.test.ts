import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressProblem, hostProblem, methodProblem, pathProblem } from './request-check.ts';

test('hostProblem: host[:port], [v6][:port], FQDN with a trailing dot', () => {
  for (const ok of ['reviews', 'reviews:9080', 'reviews.shop.svc.cluster.local.', '10.0.0.1:80', '[fd00::1]:8080', '[::1]', 'my_host-1.example.com']) {
    assert.equal(hostProblem(ok), null, ok);
  }
  assert.match(hostProblem('reviews:abc')!, /port "abc" is not a number/);
  assert.match(hostProblem('reviews:')!, /port "" is not a number/);
  assert.match(hostProblem('reviews:70000')!, /port 70000 is not 1-65535/);
  assert.match(hostProblem('http://reviews/x')!, /is a URL/);
  assert.match(hostProblem('[zz::1]:80')!, /not an IPv6 address/);
  assert.match(hostProblem('re views')!, /not a host name/);
  assert.equal(hostProblem(''), 'is empty');
});

test('addressProblem: IPv4 parts 0-255, IPv6', () => {
  assert.equal(addressProblem('10.1.2.3'), null);
  assert.equal(addressProblem('fd00::1'), null);
  assert.match(addressProblem('notanip')!, /not an IP address/);
  assert.match(addressProblem('999.1.1.1')!, /not an IP address/);
});

test('pathProblem and methodProblem', () => {
  assert.equal(pathProblem('/reviews/0?x=1'), null);
  assert.match(pathProblem('no-slash')!, /must start with "\/" \(e\.g\. \/no-slash\)/);
  assert.match(pathProblem('/a b')!, /whitespace/);
  assert.equal(methodProblem('PURGE'), null);
  assert.equal(methodProblem(''), 'is empty');
  assert.match(methodProblem('GE T')!, /not an HTTP method/);
});
