import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redirectAction } from './route-action.ts';

// Istio ApplyRedirect (pilot/pkg/networking/core/route/route.go): when a port is set and the scheme is not,
// the scheme is taken as https on a TLS gateway server (RouteOptions.IsTLS = server.tls != nil) and http
// otherwise, and the port is dropped when it is that scheme's default (80 for http, 443 for https).
test('redirect port without scheme: the default port of the implied scheme is dropped', () => {
  assert.deepEqual(redirectAction({ port: 80 }, 9080), { response_code: 'MOVED_PERMANENTLY' }, 'sidecar: http implied, :80 dropped');
  assert.deepEqual(redirectAction({ port: 443 }, 9080), { port_redirect: 443, response_code: 'MOVED_PERMANENTLY' }, 'sidecar: http implied, 443 kept');
  assert.deepEqual(redirectAction({ port: 443 }, 443, false, true), { response_code: 'MOVED_PERMANENTLY' }, 'TLS server: https implied, :443 dropped');
  assert.deepEqual(redirectAction({ port: 80 }, 443, false, true), { port_redirect: 80, response_code: 'MOVED_PERMANENTLY' }, 'TLS server: https implied, 80 kept');
  assert.deepEqual(redirectAction({ port: 8080 }, 80), { port_redirect: 8080, response_code: 'MOVED_PERMANENTLY' });
});

test('redirect port with an explicit scheme and derivePort', () => {
  assert.deepEqual(redirectAction({ scheme: 'https', port: 443 }, 80), { scheme_redirect: 'https', response_code: 'MOVED_PERMANENTLY' });
  assert.deepEqual(redirectAction({ scheme: 'https', port: 80 }, 80), { scheme_redirect: 'https', port_redirect: 80, response_code: 'MOVED_PERMANENTLY' });
  assert.deepEqual(redirectAction({ derivePort: 'FROM_REQUEST_PORT' }, 80), { response_code: 'MOVED_PERMANENTLY' }, 'request port 80 on http is the default');
  assert.deepEqual(redirectAction({ derivePort: 'FROM_REQUEST_PORT' }, 8080), { port_redirect: 8080, response_code: 'MOVED_PERMANENTLY' });
});
