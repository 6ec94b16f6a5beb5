import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubePortProtocol, parseProtocol } from './protocol.ts';

test('k8s port protocol: UDP, appProtocol, name prefix, well-known ports, else auto (ConvertProtocol)', () => {
  const cases: Array<[number, string | undefined, string | undefined, string | undefined, string]> = [
    [53, 'dns', 'UDP', undefined, 'UDP'],
    [80, 'web', 'TCP', 'kubernetes.io/h2c', 'HTTP2'],
    [80, 'web', undefined, 'kubernetes.io/ws', 'HTTP'],
    [443, 'x', undefined, 'kubernetes.io/wss', 'HTTPS'],
    [80, 'foo', undefined, 'http', 'HTTP'],
    [80, 'http-web', undefined, undefined, 'HTTP'],
    [80, 'HTTP2-x', undefined, undefined, 'HTTP2'],
    [80, 'grpc-web', undefined, undefined, 'GRPC-Web'],
    [80, 'grpc-web-x', undefined, undefined, 'GRPC-Web'],
    [80, 'grpc', undefined, undefined, 'GRPC'],
    [80, 'tcp-db', undefined, undefined, 'TCP'],
    [3306, undefined, undefined, undefined, 'TCP'],
    [27017, '', undefined, undefined, 'TCP'],
    [8080, 'web', undefined, undefined, 'Unsupported'],
    [8080, undefined, undefined, undefined, 'Unsupported'],
  ];
  for (const [port, name, proto, app, want] of cases) assert.equal(kubePortProtocol(port, name, proto, app), want, `${port}/${name}/${app}`);
  assert.equal(parseProtocol('https'), 'HTTPS');
  assert.equal(parseProtocol(undefined), 'Unsupported');
});
