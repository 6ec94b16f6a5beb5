import type { Json } from '../../envoy/types.ts';
import { AdminType, g, list, section, type Dump } from './dump.ts';
import { table } from '../text/tabwriter.ts';
import { goSortSlice } from '../text/go-sort.ts';

/** `proxy-config bootstrap -o short` and the BOOTSTRAP part of `all` (istioctl PrintVersionSummary). */
export function bootstrapSection(dump: Dump): Json {
  return section(dump, AdminType.Bootstrap);
}

export function envoyVersion(node: Json): string {
  const build = g(node, 'user_agent_build_version');
  const v = g(build, 'version');
  let s = `${g(v, 'major_number') ?? 0}.${g(v, 'minor_number') ?? 0}.${g(v, 'patch') ?? 0}`;
  const md = (g(build, 'metadata') ?? {}) as Json;
  const label = md['build.label'];
  if (label) s += `-${label}`;
  for (const k of ['revision.status', 'build.type', 'ssl.version']) if (md[k]) s += `/${md[k]}`;
  return s;
}

export function versionSummary(dump: Dump): string {
  const node = g(g(bootstrapSection(dump), 'bootstrap'), 'node');
  const md = (g(node, 'metadata') ?? {}) as Json;
  const rows: string[][] = [];
  if (md.ISTIO_VERSION) rows.push(['Istio Version:', String(md.ISTIO_VERSION)]);
  const sha = String(md.ISTIO_PROXY_SHA ?? '');
  if (sha) rows.push(['Istio Proxy Version:', sha.includes(':') ? sha.slice(sha.indexOf(':') + 1) : sha]);
  rows.push(['Envoy Version:', envoyVersion(node)]);
  return table(rows, 1);
}

/** ECDS entries: every EcdsConfigDump section concatenated (istioctl's exception to "last wins"). */
export function ecdsFilters(dump: Dump): Json[] {
  const secs = dump.configs.filter((c) => c['@type'] === AdminType.Ecds);
  if (secs.length === 0) section(dump, AdminType.Ecds);
  return secs.flatMap((s) => list(s, 'ecds_filters'));
}

export function ecdsTable(dump: Dump): string {
  const rows = ecdsFilters(dump).map((e) => {
    const f = g(e, 'ecds_filter');
    const t = String(g(f, 'typed_config')?.['@type'] ?? '');
    return { name: String(g(f, 'name') ?? ''), type: t.replace('type.googleapis.com/', ''), url: t };
  });
  goSortSlice(rows, (a, b) => (a.url !== b.url ? a.url < b.url : a.name < b.name));
  return table([['ECDS NAME', 'TYPE'], ...rows.map((r) => [r.name, r.type])], 5);
}
