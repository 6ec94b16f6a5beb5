import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goYaml, resolvesToString } from './go-yaml.ts';

test('sorted keys, sequences at their key column, go-yaml v2 quoting', () => {
  const got = goYaml([{ '@type': 'type.googleapis.com/x', b: [{ z: 1, a: '1605' }], a: {}, t: '2022-12-08T11:03:53.361Z', v: '2022-12-08T09:07:09Z/10', j: '{"a":1}' }]);
  assert.equal(got, [
    "- '@type': type.googleapis.com/x",
    '  a: {}',
    '  b:',
    '  - a: "1605"',
    '    z: 1',
    '  j: \'{"a":1}\'',
    '  t: "2022-12-08T11:03:53.361Z"',
    '  v: 2022-12-08T09:07:09Z/10',
    '',
  ].join('\n'));
});

test('strings that would read back as other types are double-quoted', () => {
  for (const s of ['true', 'no', 'null', '', '~', '12', '0x1F', '1.5', '.inf', '2001-12-14']) assert.equal(resolvesToString(s), false, s);
  for (const s of ['HEALTHY', 'outbound|80||a.b', '10.0.0.1', 'v1']) assert.equal(resolvesToString(s), true, s);
});

test('multi-line strings are literal blocks; long plain strings fold at a space past column 80', () => {
  assert.equal(goYaml({ code: 'function f()\n  return 1\nend\n', x: 'a\nb' }), 'code: |\n  function f()\n    return 1\n  end\nx: |-\n  a\n  b\n');
  const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
  const lines = goYaml({ d: words }).split('\n');
  assert.ok(lines.length > 2 && lines[1]!.startsWith('  word'), lines.join('\n'));
  assert.equal(lines.slice(0, -1).join(' ').replace(/\s+/g, ' '), `d: ${words}`);
});
