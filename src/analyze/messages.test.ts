import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goFormat, Msg, ALL_MESSAGE_TYPES, documentationUrl } from './messages.ts';

test('goFormat renders Go verbs: %q quotes, %v prints slices as [a b], %d integers', () => {
  assert.equal(goFormat(Msg.ReferencedResourceNotFound.template, ['host', 'reviews-bogus']), 'Referenced host not found: "reviews-bogus"');
  assert.equal(goFormat(Msg.VirtualServiceDestinationPortSelectorRequired.template, ['reviews', [80, 443]]),
    'This VirtualService routes to a service "reviews" that exposes multiple ports [80 443]. Specifying a port in the destination is required to disambiguate.');
  assert.equal(goFormat(Msg.ConflictingSidecarWorkloadSelectors.template, [['a', 'b'], 'ns', 'pod']),
    'The Sidecars [a b] in namespace "ns" select the same workload pod "pod", which can lead to undefined behavior.');
  assert.equal(goFormat('%s %d', ['x']), 'x %!d(MISSING)');
});

test('the catalogue has unique codes, Istio levels, and documentation links', () => {
  const codes = ALL_MESSAGE_TYPES.map((m) => m.code);
  assert.equal(new Set(codes).size, codes.length);
  assert.equal(Msg.VirtualServiceIneffectiveMatch.level, 'Info');
  assert.equal(Msg.MTLSConflict.level, 'Error');
  assert.equal(documentationUrl('IST0101'), 'https://istio.io/latest/docs/reference/config/analysis/ist0101/?ref=istioctl-analyze');
  assert.equal(documentationUrl('SLU0004'), 'docs/analyze.md#slu0004-mtlsconflict');
  assert.equal(documentationUrl('SLU1003'), 'docs/validation.md#codes');
});
