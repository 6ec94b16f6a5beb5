// `sluice describe pod` on the example mesh shows the Service port, DestinationRule subset, mTLS mode
// and ingress exposure of productpage (istioctl x describe).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main.ts';
import { captureIO } from '../../src/cli/io.ts';

test('describe pod productpage on examples/shop', async () => {
  const io = captureIO();
  const code = await main(['node', 'sluice', 'describe', 'pod', 'productpage-v1-6b746f74dc-9stvs.shop', 'examples/shop'], io);
  assert.equal(code, 0, io.stderr());
  const out = io.stdout();
  assert.match(out, /^Service: productpage\.shop\n {3}Port: http 9080\/HTTP targets pod port 9080$/m);
  assert.match(out, /^DestinationRule: productpage\.shop for "productpage"\n {3}Matching subsets: v1$/m);
  assert.match(out, /^ {3}Workload mTLS mode: STRICT$/m);
  assert.match(out, /^Exposed on Ingress Gateway /m);
});
