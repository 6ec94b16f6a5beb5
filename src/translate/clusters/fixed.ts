/**
 * Istio's fixed clusters (`networking/core/cluster_builder.go`): BlackHoleCluster (STATIC, no endpoints),
 * PassthroughCluster (ORIGINAL_DST, downstream protocol), InboundPassthroughCluster (ORIGINAL_DST, source 127.0.0.6).
 */
import type { Cluster } from '../../envoy/types.ts';
import type { MeshModel } from '../../model/types.ts';
import {
  BLACKHOLE_CLUSTER, INBOUND_PASSTHROUGH_BIND_IPV4, INBOUND_PASSTHROUGH_BIND_IPV6, INBOUND_PASSTHROUGH_CLUSTER, PASSTHROUGH_CLUSTER, altStatName,
} from '../names.ts';
import { durationString } from '../routes/durations.ts';
import { HTTP_PROTOCOL_OPTIONS_KEY, HTTP_PROTOCOL_OPTIONS_TYPE, defaultThresholds } from './common.ts';

const connectTimeout = (m: MeshModel) => durationString(m.meshConfig.connectTimeout);

export function blackHoleCluster(m: MeshModel): Cluster {
  return { name: BLACKHOLE_CLUSTER, type: 'STATIC', connect_timeout: connectTimeout(m) };
}

function passthroughBase(m: MeshModel, name: string): Cluster {
  return {
    name,
    type: 'ORIGINAL_DST',
    connect_timeout: connectTimeout(m),
    lb_policy: 'CLUSTER_PROVIDED',
    circuit_breakers: { thresholds: [defaultThresholds()] },
    typed_extension_protocol_options: {
      [HTTP_PROTOCOL_OPTIONS_KEY]: {
        '@type': HTTP_PROTOCOL_OPTIONS_TYPE,
        use_downstream_protocol_config: { http_protocol_options: {}, http2_protocol_options: {} },
      },
    },
    alt_stat_name: altStatName(name),
  };
}

export function passthroughCluster(m: MeshModel): Cluster {
  return passthroughBase(m, PASSTHROUGH_CLUSTER);
}

/** Binds the loopback-ish source 127.0.0.6 (::6 for IPv6-only proxies) so node-local services see it. */
export function inboundPassthroughCluster(m: MeshModel, ipv6 = false): Cluster {
  return {
    ...passthroughBase(m, INBOUND_PASSTHROUGH_CLUSTER),
    upstream_bind_config: { source_address: { address: ipv6 ? INBOUND_PASSTHROUGH_BIND_IPV6 : INBOUND_PASSTHROUGH_BIND_IPV4, port_value: 0 } },
  };
}
