import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { UsageError, UserError } from '../io.ts';
import { parseChoice, renderStructured } from '../output.ts';

/** One proxy as /debug/syncz reports it. */
interface SynczProxy {
  proxy: string;
  cluster: string;
  istioVersion: string;
  proxyless: boolean;
  types: Record<string, { status: string; error?: string } | undefined>;
}
interface Syncz { controlPlane?: string; proxies: SynczProxy[] }

/** istioctl's NAME column: `pod.namespace` from an Istio node id, else the id itself. */
export function proxyDisplayName(id: string): string {
  const parts = id.split('~');
  return parts.length === 4 && parts[2] ? parts[2] : id;
}

const COLUMNS = ['NAME', 'CLUSTER', 'CDS', 'LDS', 'EDS', 'RDS', 'ECDS', 'ISTIOD', 'VERSION'] as const;

/** istioctl proxy-status's table (tabwriter-aligned, 5 spaces between columns), sorted by name. */
export function renderProxyStatus(s: Syncz): string {
  const rows = s.proxies.map((p) => [
    proxyDisplayName(p.proxy), p.cluster || 'Kubernetes',
    p.types.cds?.status ?? 'NOT SENT', p.types.lds?.status ?? 'NOT SENT', p.types.eds?.status ?? 'NOT SENT', p.types.rds?.status ?? 'NOT SENT',
    'NOT SENT', s.controlPlane ?? 'sluice', p.istioVersion || '-',
  ]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const all = [[...COLUMNS], ...rows];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 5))).join('').trimEnd() + '\n').join('');
}

/** `--server`: an http(s) URL or `host:port`; anything else is bad usage (exit 64), not "cannot reach". */
export function parseServerUrl(server: string): URL {
  const base = server.includes('://') ? server : `http://${server}`;
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new UsageError(`invalid --server URL "${server}": expected http://HOST:PORT (port 1-65535), e.g. http://127.0.0.1:15014`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`invalid --server URL "${server}": the scheme must be http or https, not ${url.protocol.replace(/:$/, '')}`);
  return url;
}

export async function fetchSyncz(server: string): Promise<Syncz> {
  const base = parseServerUrl(server).href.replace(/\/$/, '');
  let res: Response;
  try {
    res = await fetch(new URL('/debug/syncz', base), { signal: AbortSignal.timeout(5000) });
  } catch (e) {
    throw new UserError(`cannot reach the Sluice control plane at ${base}: ${(e as Error).cause ? String(((e as Error).cause as Error).message ?? (e as Error).cause) : (e as Error).message} (is \`sluice serve\` running with --debug-address?)`);
  }
  if (!res.ok) throw new UserError(`${base}/debug/syncz answered HTTP ${res.status}`);
  const body = (await res.json()) as Syncz;
  if (!Array.isArray(body?.proxies)) throw new UserError(`${base}/debug/syncz did not return a syncz document`);
  return body;
}

/** `sluice proxy-status`: istioctl proxy-status against `sluice serve`'s /debug/syncz. */
export function registerProxyStatus(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('proxy-status')
    .alias('ps')
    .description("Show each connected proxy's xDS sync state (istioctl proxy-status), from sluice serve's debug endpoint")
    .argument('[proxy]', 'only this proxy (pod.namespace or node id)')
    .option('--server <url>', 'sluice serve debug address', 'http://127.0.0.1:15014')
    .option('-o, --output <format>', 'table | json | yaml', 'table')
    .action(async (proxy: string | undefined, o: { server: string; output: string }) => {
      const format = parseChoice('--output', o.output, ['table', 'json', 'yaml'] as const);
      parseServerUrl(o.server);
      const s = await fetchSyncz(o.server);
      const proxies = proxy ? s.proxies.filter((p) => p.proxy === proxy || proxyDisplayName(p.proxy) === proxy) : s.proxies;
      if (proxy && proxies.length === 0) throw new UserError(`proxy "${proxy}" is not connected to ${o.server}`);
      if (format !== 'table') { io.out(renderStructured({ ...s, proxies }, format)); setExit(0); return; }
      io.out(renderProxyStatus({ ...s, proxies }));
      for (const p of proxies) {
        for (const [t, v] of Object.entries(p.types)) if (v?.status === 'NACKED') io.err(`${proxyDisplayName(p.proxy)} NACKed ${t.toUpperCase()}: ${v.error ?? ''}\n`);
      }
      setExit(0);
    });
}
