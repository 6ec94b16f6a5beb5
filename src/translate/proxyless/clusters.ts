/**
 * Proxyless gRPC clusters (Istio `grpcgen/cds.go`): an EDS cluster `outbound|port||host` per service
 * port and one per DestinationRule subset, with the DR's load balancer applied (ROUND_ROBIN, or
 * RING_HASH for consistentHash; other simple policies are ignored as Istio does, with a warning in
 * its log). Deliberate addition: every cluster carries an `outlier_detection` block (all ejection
 * disabled unless the DR sets outlierDetection), because grpc-js-xds ignores an outlier_detection
 * block that appears on a later update (grpc-xds.md §4.2c). The DR policy per cluster is Istio's
 * `MergeTrafficPolicy`, as `grpcgen` uses it (top level, then subset, each with its port-level entry
 * replacing loadBalancer/outlierDetection/tls/connectionPool wholesale): `clusters/traffic-policy.ts`.
 */
import type { Cluster, Json } from '../../envoy/types.ts';
import type { MergedDestinationRule, ProxyView, Service } from '../../model/types.ts';
import { configPath, outboundClusterName } from '../names.ts';
import { durationString } from '../routes/durations.ts';
import { ADS_CONFIG_SOURCE } from './listeners.ts';
import { clusterTrafficPolicy, type TrafficPolicy } from '../clusters/traffic-policy.ts';
import { TLS_SOCKET, UPSTREAM_TLS_TYPE } from '../clusters/tls.ts';

export interface ClusterTarget { readonly name: string; readonly svc: Service; readonly port: number; readonly subsetLabels?: Readonly<Record<string, string>> }

const DISABLED_OUTLIER_DETECTION: Json = { enforcing_success_rate: 0, enforcing_failure_percentage: 0 };

/** DR outlierDetection → the fields gRPC implements (A50): failure-percentage ejection from consecutive errors is not in gRPC. */
function outlierDetection(policy: TrafficPolicy | undefined): Json {
  const od = policy?.outlierDetection;
  if (!od) return DISABLED_OUTLIER_DETECTION;
  const out: Json = { ...DISABLED_OUTLIER_DETECTION };
  if (od.interval) out.interval = durationString(od.interval);
  if (od.baseEjectionTime) out.base_ejection_time = durationString(od.baseEjectionTime);
  if (od.maxEjectionPercent !== undefined) out.max_ejection_percent = Number(od.maxEjectionPercent);
  const consecutive = od.consecutive5xxErrors ?? od.consecutiveErrors;
  if (consecutive !== undefined) { out.consecutive_5xx = Number(consecutive); out.enforcing_consecutive_5xx = 100; }
  return out;
}

function applyLoadBalancer(c: Json, policy: TrafficPolicy | undefined): void {
  const lb = policy?.loadBalancer;
  if (lb?.consistentHash) {
    c.lb_policy = 'RING_HASH';
    c.ring_hash_lb_config = { minimum_ring_size: String(lb.consistentHash.minimumRingSize ?? 1024) };
  } else c.lb_policy = 'ROUND_ROBIN';
}

/** Istio's `ServiceAccounts[host][port]`: the service's subjectAltNames and its endpoints' identities. */
function serviceIdentities(view: ProxyView, t: ClusterTarget): string[] {
  const ids = new Set<string>(t.svc.serviceAccounts);
  for (const e of view.endpoints(t.svc, t.port)) if (e.serviceAccount) ids.add(e.serviceAccount);
  return [...ids].sort();
}

/**
 * DR `tls.mode: ISTIO_MUTUAL` → xDS-driven mTLS (gRFC A29) with the bootstrap's certificate
 * provider `default` (Istio `grpcgen` buildCommonTLSContext): certificate `default`, roots `ROOTCA`,
 * peer SANs pinned to the service's identities. Like current istiod, both the current fields (which
 * grpc-js-xds reads) and the deprecated ones (older gRPC) are set. SIMPLE and MUTUAL are not
 * supported for proxyless clients by Istio either.
 */
function istioMutualTransportSocket(sans: readonly string[]): Json {
  const cert = { instance_name: 'default', certificate_name: 'default' };
  const roots = { instance_name: 'default', certificate_name: 'ROOTCA' };
  return {
    name: TLS_SOCKET,
    typed_config: {
      '@type': UPSTREAM_TLS_TYPE,
      common_tls_context: {
        tls_certificate_provider_instance: cert,
        tls_certificate_certificate_provider_instance: cert,
        combined_validation_context: {
          default_validation_context: { ca_certificate_provider_instance: roots, ...(sans.length ? { match_subject_alt_names: sans.map((s) => ({ exact: s })) } : {}) },
          validation_context_certificate_provider_instance: roots,
        },
      },
    },
  };
}

export function buildProxylessCluster(view: ProxyView, t: ClusterTarget, subset: string | undefined): Cluster {
  const dr = view.destinationRule(t.svc.hostname, t.svc.namespace);
  const policy = clusterTrafficPolicy(dr, t.port, subset);
  const c: Cluster = {
    name: t.name,
    type: 'EDS',
    eds_cluster_config: { eds_config: ADS_CONFIG_SOURCE, service_name: t.name },
  };
  applyLoadBalancer(c, policy);
  c.outlier_detection = outlierDetection(policy);
  if (policy?.tls?.mode === 'ISTIO_MUTUAL') c.transport_socket = istioMutualTransportSocket(serviceIdentities(view, t));
  if (dr?.from[0]) c.metadata = { filter_metadata: { istio: { config: configPath('DestinationRule', dr.from[0].namespace, dr.from[0].name) } } };
  return c;
}

/** Every cluster a proxyless client can reach through this proxy's services. */
export function clusterTargets(view: ProxyView, services: readonly Service[]): { target: ClusterTarget; subset?: string }[] {
  const out: { target: ClusterTarget; subset?: string }[] = [];
  for (const svc of services) {
    const dr = view.destinationRule(svc.hostname, svc.namespace);
    for (const p of svc.ports) {
      out.push({ target: { name: outboundClusterName(p.port, svc.hostname), svc, port: p.port } });
      for (const s of (dr?.spec.subsets ?? []) as Json[]) {
        if (typeof s?.name !== 'string') continue;
        out.push({ target: { name: outboundClusterName(p.port, svc.hostname, s.name), svc, port: p.port, subsetLabels: s.labels ?? {} }, subset: s.name });
      }
    }
  }
  return out;
}
