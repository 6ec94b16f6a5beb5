import type { TraceResult } from './types.ts';

const LABELS: Record<string, string> = {
  proxy: 'proxy', request: 'request', listener: 'listener', listener_filters: 'inspectors', filter_chain: 'filter chain', tls: 'tls',
  network_filter: 'network filter', route_config: 'route config', virtual_host: 'virtual host', route: 'route',
  action: 'action', cluster: 'cluster', scope: 'scope',
};

/** Human-readable trace: one line per stage, then the reasons indented under it, then the outcome. */
export function formatTraceText(r: TraceResult): string {
  const lines: string[] = [];
  for (const s of r.steps) {
    lines.push(`${(LABELS[s.stage] ?? s.stage).padEnd(15)}${s.summary}`);
    for (const d of s.details) lines.push(`${' '.repeat(17)}- ${d}`);
  }
  lines.push('');
  lines.push(`result         ${outcome(r)}`);
  return lines.join('\n') + '\n';
}

function outcome(r: TraceResult): string {
  if (r.error === 'tls_required' && r.redirect) return `301 redirect to ${r.redirect.location} (${r.errorMessage})`;
  if (r.error) return `ERROR ${r.error}: ${r.errorMessage}`;
  if (r.redirect) return `${r.redirect.code} redirect to ${r.redirect.location}`;
  if (r.directResponse) return `direct response ${r.directResponse.status}`;
  if (r.clusters.length === 1) return `routed to ${r.clusters[0].name}`;
  if (r.clusters.length > 1) {
    const total = r.clusters.reduce((a, c) => a + c.weight, 0) || 1;
    return `split: ${r.clusters.map((c) => `${c.name} ${Math.round((c.weight / total) * 1000) / 10}%`).join(', ')}`;
  }
  if (r.networkFilter && r.networkFilter !== 'http_connection_manager' && r.networkFilter !== 'tcp_proxy') return `handled by ${r.networkFilter}`;
  return 'no upstream cluster';
}
