/**
 * Shared pieces of Istio's clusters (`networking/core/cluster_builder.go`): the ADS/SDS config sources,
 * default circuit-breaker thresholds, the metadata-exchange filter, and `istio` filter metadata.
 */
import type { Json } from '../../envoy/types.ts';
import type { MergedDestinationRule, Service } from '../../model/types.ts';
import { configPath } from '../names.ts';
import { deepFreeze } from '../../core/deep-freeze.ts';

export const MAX_UINT32 = 4294967295;

export const ADS_EDS_CONFIG: Json = Object.freeze({ ads: {}, initial_fetch_timeout: '0s', resource_api_version: 'V3' });

/** SDS over the agent's `sds-grpc` cluster (certs `default`, `ROOTCA`, `file-cert:…`, `kubernetes://…`). */
const SDS_CONFIG: Json = deepFreeze({
  api_config_source: {
    api_type: 'GRPC',
    set_node_on_first_message_only: true,
    transport_api_version: 'V3',
    grpc_services: [{ envoy_grpc: { cluster_name: 'sds-grpc' } }],
  },
  initial_fetch_timeout: '0s',
  resource_api_version: 'V3',
});

/** The SDS config source (shared, frozen: generated resources are values, never mutated in place). */
export function sdsConfig(): Json {
  return SDS_CONFIG;
}

export function sdsSecret(name: string): Json {
  return { name, sds_config: sdsConfig() };
}

/** `getDefaultCircuitBreakerThresholds`: Envoy's low defaults (e.g. 3 retries) replaced by MaxUint32. */
export function defaultThresholds(): Json {
  return { max_connections: MAX_UINT32, max_pending_requests: MAX_UINT32, max_requests: MAX_UINT32, max_retries: MAX_UINT32 };
}

/** `filter_metadata.istio`: services, DR provenance (`istio.config`), subset, external. */
export function clusterMetadata(svc: Service | undefined, dr: MergedDestinationRule | undefined, subset: string | undefined): Json {
  const istio: Json = {};
  if (dr) {
    const first = dr.from[0]!;
    istio.config = configPath('DestinationRule', first.namespace, first.name);
  }
  if (svc) {
    // For a ServiceEntry, Istio's service name attribute is the host itself.
    istio.services = [{ host: svc.hostname, name: svc.kind === 'ServiceEntry' ? svc.hostname : svc.name, namespace: svc.namespace }];
    if (svc.meshExternal) istio.external = true;
  }
  if (subset) istio.subset = subset;
  return { filter_metadata: { istio } };
}

export const HTTP_PROTOCOL_OPTIONS_KEY = 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
export const HTTP_PROTOCOL_OPTIONS_TYPE = 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions';
