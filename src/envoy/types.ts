/**
 * Envoy v3 resources as plain objects in proto-JSON form with snake_case field names — the form
 * Envoy's admin `/config_dump` prints and the form Sluice's translator emits. Only the fields Sluice
 * reads are typed; everything else passes through untouched (index signatures).
 */
export type Json = Record<string, any>;

export const TypeUrl = {
  Listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  RouteConfiguration: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  Cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  ClusterLoadAssignment: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
  Secret: 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret',
  BootstrapConfigDump: 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump',
  ListenersConfigDump: 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
  ClustersConfigDump: 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump',
  RoutesConfigDump: 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump',
  SecretsConfigDump: 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump',
  EndpointsConfigDump: 'type.googleapis.com/envoy.admin.v3.EndpointsConfigDump',
  ScopedRoutesConfigDump: 'type.googleapis.com/envoy.admin.v3.ScopedRoutesConfigDump',
  EcdsConfigDump: 'type.googleapis.com/envoy.admin.v3.EcdsConfigDump',
  HttpConnectionManager: 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  TcpProxy: 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
} as const;

export interface Listener extends Json {
  name: string;
  address?: Json;
  filter_chains?: FilterChain[];
  default_filter_chain?: FilterChain;
  listener_filters?: Json[];
  use_original_dst?: boolean;
  bind_to_port?: boolean;
  traffic_direction?: 'INBOUND' | 'OUTBOUND' | 'UNSPECIFIED';
  api_listener?: Json;
}

export interface FilterChain extends Json {
  name?: string;
  filter_chain_match?: Json;
  filters?: Json[];
  transport_socket?: Json;
  metadata?: Json;
}

export interface RouteConfiguration extends Json {
  name: string;
  virtual_hosts?: VirtualHost[];
  validate_clusters?: boolean;
  ignore_port_in_host_matching?: boolean;
}

export interface VirtualHost extends Json {
  name: string;
  domains: string[];
  routes?: Route[];
  require_tls?: 'NONE' | 'EXTERNAL_ONLY' | 'ALL';
  include_request_attempt_count?: boolean;
}

export interface Route extends Json {
  name?: string;
  match: Json;
  route?: Json;
  redirect?: Json;
  direct_response?: Json;
  decorator?: Json;
  metadata?: Json;
}

export interface Cluster extends Json {
  name: string;
  type?: string;
  cluster_type?: Json;
  eds_cluster_config?: Json;
  lb_policy?: string;
  metadata?: Json;
}

export interface ClusterLoadAssignment extends Json {
  cluster_name: string;
  endpoints?: Json[];
}

/** Everything one proxy receives over xDS (plus what a dump adds: secrets, bootstrap). */
export interface ProxyConfig {
  readonly listeners: readonly Listener[];
  readonly routes: readonly RouteConfiguration[];
  readonly clusters: readonly Cluster[];
  readonly endpoints: readonly ClusterLoadAssignment[];
  readonly secrets?: readonly Json[];
  readonly bootstrap?: Json;
}
