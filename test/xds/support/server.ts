// Start `sluice serve` in-process on 127.0.0.1 with a temp config dir, and wait for proxies to sync.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../src/xds/server.ts';
import { envoyRoot } from '../../../src/xds/proto-root.ts';
import type { LogFn } from '../../../src/xds/control-plane.ts';

export interface TestServer extends RunningServer {
  readonly dir: string;
  readonly logs: string[];
  write(yaml: string): void;
  /** Write, reload and push now (no debounce); resolves when `proxyId` has ACKed everything. */
  apply(yaml: string, proxyId?: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestServer(yaml: string, opts: { watch?: boolean } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-xds-'));
  const file = join(dir, 'mesh.yaml');
  writeFileSync(file, yaml);
  const logs: string[] = [];
  const log: LogFn = (level, msg, fields) => { logs.push(`${level} ${msg} ${fields ? JSON.stringify(fields) : ''}`); };
  envoyRoot(); // load Envoy's protos before clients connect (about a second, once per process)
  const srv = await startServer({ paths: [dir], xdsAddress: '127.0.0.1:0', debugAddress: '127.0.0.1:0', watch: opts.watch, log });
  const t: TestServer = {
    ...srv, dir, logs,
    write: (y) => writeFileSync(file, y),
    apply: async (y, proxyId) => {
      writeFileSync(file, y);
      srv.reload();
      srv.cp.flush();
      if (proxyId) await waitSynced(srv, proxyId);
    },
    stop: async () => { await srv.close(); rmSync(dir, { recursive: true, force: true }); },
  };
  return t;
}

export async function waitFor(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every type the proxy subscribes to is SYNCED (its latest response ACKed) or NACKED. */
export function isSettled(srv: RunningServer, proxyId: string, allow: readonly string[] = ['SYNCED']): boolean {
  const p = srv.cp.syncz().find((x) => x.proxy === proxyId);
  return !!p && Object.values(p.types).length > 0 && Object.values(p.types).every((t) => allow.includes(t!.status));
}

export function waitSynced(srv: RunningServer, proxyId: string, allow: readonly string[] = ['SYNCED']): Promise<void> {
  return waitFor(() => isSettled(srv, proxyId, allow), `${proxyId} to sync`);
}
