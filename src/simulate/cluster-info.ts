import type { Cluster, ClusterLoadAssignment, Json } from '../envoy/types.ts';
import type { ClusterDetail } from './types.ts';
import { parseConfigPath, istioConfigPath } from './provenance.ts';

/** Clusters and their endpoints (CDS + EDS, or a cluster's inline load_assignment). */
export class ClusterIndex {
  private readonly clusters = new Map<string, Cluster>();
  private readonly assignments = new Map<string, ClusterLoadAssignment>();

  constructor(clusters: readonly Cluster[], endpoints: readonly ClusterLoadAssignment[]) {
    for (const c of clusters) if (!this.clusters.has(c.name)) this.clusters.set(c.name, c);
    for (const e of endpoints) if (!this.assignments.has(e.cluster_name)) this.assignments.set(e.cluster_name, e);
  }

  has(name: string): boolean { return this.clusters.has(name); }
  get(name: string): Cluster | undefined { return this.clusters.get(name); }

  detail(name: string): ClusterDetail {
    const c = this.clusters.get(name);
    if (!c) return { name, found: false, type: null, lbPolicy: null, destinationRule: null, endpoints: [] };
    const type = c.cluster_type?.name ? String(c.cluster_type.name) : String(c.type ?? 'STATIC');
    const prov = parseConfigPath(istioConfigPath(c));
    const cla = type === 'EDS' ? this.assignments.get(c.eds_cluster_config?.service_name || c.name) : (c.load_assignment as ClusterLoadAssignment | undefined);
    return {
      name, found: true, type,
      lbPolicy: String(c.lb_policy ?? 'ROUND_ROBIN'),
      destinationRule: prov && prov.kind === 'destination-rule' ? `${prov.name}.${prov.namespace}` : null,
      endpoints: endpointsOf(cla),
    };
  }
}

function endpointsOf(cla: Json | undefined): ClusterDetail['endpoints'] {
  const out: Array<{ address: string; health: string; weight?: number; locality?: string }> = [];
  for (const group of cla?.endpoints ?? []) {
    const loc = group.locality ? [group.locality.region, group.locality.zone, group.locality.sub_zone].filter(Boolean).join('/') : '';
    for (const lb of group.lb_endpoints ?? []) {
      const a = lb.endpoint?.address;
      const address = a?.socket_address ? `${a.socket_address.address}:${a.socket_address.port_value}` : a?.pipe ? `unix:${a.pipe.path}` : a?.envoy_internal_address ? `internal:${a.envoy_internal_address.server_listener_name}` : '?';
      out.push({
        address,
        health: String(lb.health_status ?? 'HEALTHY'),
        ...(lb.load_balancing_weight !== undefined ? { weight: Number(lb.load_balancing_weight?.value ?? lb.load_balancing_weight) } : {}),
        ...(loc ? { locality: loc } : {}),
      });
    }
  }
  return out;
}
