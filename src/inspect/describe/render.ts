import { resolveShortName } from '../../model/hosts.ts';
import { selects, type Labels } from './k8s.ts';

/**
 * Text blocks of `istioctl x describe` (DestinationRule, VirtualService), same strings and
 * indentation (levels of 0/3/6 spaces), computed from the Istio objects the proxy's config names.
 */
export interface Obj { readonly name: string; readonly namespace: string; readonly spec: any; readonly object: any }

const sp = (n: number): string => ' '.repeat(n);
const L1 = 3, L2 = 6;

/** `name` when in the describe namespace, else `name.namespace`. */
export const kname = (o: { name: string; namespace: string }, describeNs: string): string => (o.namespace === describeNs ? o.name : `${o.name}.${o.namespace}`);

export function subsetsFor(dr: Obj | undefined, podsLabels: readonly Labels[]): { matching: string[]; nonmatching: string[] } {
  const matching: string[] = [], nonmatching: string[] = [];
  for (const s of dr?.spec?.subsets ?? []) (podsLabels.some((l) => selects(s.labels, l)) ? matching : nonmatching).push(String(s.name));
  return { matching, nonmatching };
}

function shortPolicies(p: any): string {
  const extra = [p?.loadBalancer && 'load balancer', p?.connectionPool && 'connection pool', p?.outlierDetection && 'outlier detection'].filter(Boolean);
  return extra.length ? `Policies: ${extra.join('/')}\n` : '';
}

export function renderDestinationRule(indent: number, dr: Obj, podsLabels: readonly Labels[], describeNs: string): string {
  let out = `${sp(indent)}DestinationRule: ${kname(dr, describeNs)} for "${dr.spec?.host ?? ''}"\n`;
  const { matching, nonmatching } = subsetsFor(dr, podsLabels);
  if (matching.length || nonmatching.length) {
    if (!matching.length) out += `${sp(indent + L1)}WARNING POD DOES NOT MATCH ANY SUBSETS.  (Non matching subsets ${nonmatching.join(',')})\n`;
    out += `${sp(indent + L1)}Matching subsets: ${matching.join(',')}\n`;
    if (nonmatching.length) out += `${sp(indent + L2)}(Non-matching subsets ${nonmatching.join(',')})\n`;
  }
  const tp = dr.spec?.trafficPolicy;
  if (!tp) return out + `${sp(indent + L1)}No Traffic Policy\n`;
  if (tp.tls) out += `${sp(indent + L1)}Traffic Policy TLS Mode: ${tp.tls.mode ?? 'DISABLE'}\n`;
  const sp1 = shortPolicies(tp);
  if (sp1) out += sp(indent + L1) + sp1;
  if (tp.portLevelSettings) {
    out += `${sp(indent + L1)}Port Level Settings:\n`;
    for (const ps of tp.portLevelSettings) {
      out += `${sp(4)}${ps.port?.number ?? 0}:\n`; // istioctl prints a fixed 4 spaces here
      if (ps.tls) out += `${sp(indent + L2)}TLS Mode: ${ps.tls.mode ?? 'DISABLE'}\n`;
      const sp2 = shortPolicies(ps);
      if (sp2) out += sp(indent + L2) + sp2;
    }
  }
  return out;
}

function renderStringMatch(m: any): string {
  if (!m) return '';
  if (m.exact !== undefined) return String(m.exact);
  if (m.prefix !== undefined) return `${m.prefix}*`;
  if (m.regex !== undefined) return `regex:${JSON.stringify(m.regex)}`;
  return '';
}

function renderMatch(m: any): string {
  let s = 'Match: ';
  if (m?.uri) { s += renderStringMatch(m.uri); if (m.ignoreUriCase) s += ' uncased'; }
  const headers = Object.entries(m?.headers ?? {});
  if (headers.length) s += ' when headers are ' + headers.map(([k, v]) => `${k}=${renderStringMatch(v)}`).join('; ');
  return s.trim();
}

const renderMatches = (ms: any[] | undefined): string => (ms?.length ? ms.map(renderMatch).join(', ') : 'everything');

const fqdnOf = (host: string, ns: string): string => {
  const f = resolveShortName(host, ns);
  return f.startsWith('*') || f.endsWith('.svc.cluster.local') ? f : `${f}.svc.cluster.local`;
};

interface VsContext { svc: { name: string; namespace: string }; matching: string[]; nonmatching: string[]; dr?: Obj; describeNs: string }

function httpRouteFacts(vs: Obj, route: any, c: VsContext): { match: boolean; facts: string[] } {
  const svcHost = `${c.svc.name}.${c.svc.namespace}.svc.cluster.local`;
  const facts: string[] = [], mismatch: string[] = [];
  let match = false;
  for (const dest of route.route ?? []) {
    const host = String(dest.destination?.host ?? ''), subset = dest.destination?.subset ?? '', weight = Number(dest.weight ?? 0);
    if (fqdnOf(host, vs.namespace) !== svcHost) {
      facts.push(subset === '' ? `Route to host "${host}" with weight ${weight}%` : `Route to ${host} with invalid config`);
      continue;
    }
    if (subset !== '' && c.nonmatching.includes(subset)) { mismatch.push(`Route to non-matching subset ${subset} for (${renderMatches(route.match)})`); continue; }
    if (subset !== '' && !c.matching.includes(subset)) {
      mismatch.push(c.dr ? `Warning: Route to UNKNOWN subset ${subset}; check DestinationRule ${kname(c.dr, c.describeNs)}` : `Warning: Route to subset ${subset} but NO DESTINATION RULE defining subsets!`);
      continue;
    }
    match = true;
    if (weight > 0) facts.push(`Route to host "${host}"${subset ? ` subset "${subset}"` : ''} with weight ${weight}%`);
  }
  if (match) {
    const req = [...(route.fault ? [`Fault injection ${JSON.stringify(route.fault)}`] : []), ...(route.match ?? []).map(renderMatch)];
    if (req.length) facts.push(req.join(', '));
  } else facts.push(...mismatch);
  return { match, facts };
}

function tcpRouteFacts(vs: Obj, route: any, c: VsContext): { match: boolean; facts: string[] } {
  const svcHost = `${c.svc.name}.${c.svc.namespace}.svc.cluster.local`;
  const match = (route.route ?? []).some((d: any) => fqdnOf(String(d.destination?.host ?? ''), vs.namespace) === svcHost);
  return { match, facts: match ? (route.match ?? []).map((m: any) => JSON.stringify(m)) : [] };
}

export function renderVirtualService(indent: number, vs: Obj, c: VsContext): string {
  let out = `${sp(indent)}VirtualService: ${kname(vs, c.describeNs)}\n`;
  const http: any[] = vs.spec?.http ?? [], tcp: any[] = vs.spec?.tcp ?? [], tls: any[] = vs.spec?.tls ?? [];
  let matches = 0, facts = 0;
  const mismatch: string[] = [];
  const results = [...http.map((r) => httpRouteFacts(vs, r, c)), ...tcp.map((r) => tcpRouteFacts(vs, r, c))];
  for (const r of results) {
    if (!r.match) { mismatch.push(...r.facts); continue; }
    matches++;
    for (const f of r.facts) { out += `${sp(indent + L1)}${f}\n`; facts++; }
  }
  if (matches === 0) {
    if (http.length) out += `${sp(indent + L1)}WARNING: No destinations match pod subsets (checked ${http.length} HTTP routes)\n`;
    if (tcp.length) out += `${sp(indent + L1)}WARNING: No destinations match pod subsets (checked ${tcp.length} TCP routes)\n`;
    for (const m of mismatch) out += `${sp(indent + L2)}${m}\n`;
    return out;
  }
  const possible = http.length + tls.length + tcp.length;
  if (matches < possible) {
    out += `${sp(indent + L1)}${possible - matches} additional destination(s) that will not reach this pod\n`;
    if (facts === 0) for (const m of mismatch) out += `${sp(indent + L2)}${m}\n`;
    return out;
  }
  if (facts === 0) {
    if (http.length) out += `${sp(indent + L1)}${http.length} HTTP route(s)\n`;
    if (tcp.length) out += `${sp(indent + L1)}${tcp.length} TCP route(s)\n`;
  }
  return out;
}
