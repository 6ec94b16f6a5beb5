import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalMessage, STRUCT } from './canonical.ts';
import { goJson } from './go-json.ts';
import type { FieldSchema, MessageSchema, ProtoSchema } from './schema.ts';

const f = (name: string, kind: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
  name, jsonName: name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), kind, repeated: false, ...extra,
});
const MESSAGES: Record<string, MessageSchema> = {
  'test.Cluster': { fullName: 'test.Cluster', fields: [
    f('name', 'string'),
    f('type', 'enum', { typeName: 'test.Type', oneof: 'discovery' }),
    f('cluster_type', 'message', { typeName: 'test.Custom', oneof: 'discovery' }),
    f('connect_timeout', 'message', { typeName: 'google.protobuf.Duration' }),
    f('max_requests', 'uint64'),
    f('lb_policy', 'enum', { typeName: 'test.Lb' }),
    f('metadata', 'message', { typeName: 'google.protobuf.Struct' }),
    f('hosts', 'message', { typeName: 'test.Custom', repeated: true }),
  ] },
  'test.Custom': { fullName: 'test.Custom', fields: [f('name', 'string')] },
};
const ENUMS: Record<string, string[]> = { 'test.Type': ['STATIC', 'EDS'], 'test.Lb': ['ROUND_ROBIN', 'LEAST_REQUEST'] };
const schema: ProtoSchema = {
  message: (n) => MESSAGES[n],
  enumName: (n, v) => ENUMS[n]?.[v],
  enumNumber: (n, name) => { const i = ENUMS[n]?.indexOf(name) ?? -1; return i >= 0 ? i : undefined; },
};

test('declaration order, lowerCamelCase, oneof member at its position, defaults omitted, int64 as string', () => {
  const got = canonicalMessage(schema, 'test.Cluster', {
    hosts: [{ name: 'h', unknown_field: 1 }], lb_policy: 'ROUND_ROBIN', max_requests: 7, metadata: { b: 1, a: { d: 2, c: 3 } },
    connect_timeout: '10s', type: 'STATIC', name: 'c1', surprise: true,
  });
  assert.deepEqual(Object.keys(got), ['name', 'type', 'connectTimeout', 'maxRequests', 'metadata', 'hosts']);
  assert.equal(got.type, 'STATIC', 'a set oneof member is printed even when it is the zero value');
  assert.equal(got.maxRequests, '7');
  assert.deepEqual(Object.keys(got.metadata), ['a', 'b']);
  assert.equal(got.metadata[STRUCT], true);
  assert.deepEqual(got.hosts, [{ name: 'h' }]);
});

test('Go JSON: MarshalIndent layout, HTML escaping, and the jsonpb Struct over-indentation quirk', () => {
  assert.equal(goJson({ a: '<&>', e: [], o: {} }, { indent: '  ' }), '{\n  "a": "\\u003c\\u0026\\u003e",\n  "e": [],\n  "o": {}\n}');
  const md = canonicalMessage(schema, 'test.Cluster', { name: 'x', metadata: { k: 'v' } });
  assert.equal(goJson(md, { indent: '  ', structQuirk: true }), '{\n  "name": "x",\n  "metadata": {\n      "k": "v"\n    }\n}');
});
