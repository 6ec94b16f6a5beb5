/**
 * The request model and the result of a trace. The engine (src/simulate) walks a request through Envoy
 * v3 config (`ProxyConfig`, ours or a real dump) the way Envoy does; see docs/trace.md.
 */
export type TlsMode = 'none' | 'tls' | 'mtls';
/** Application protocol of the connection. `tcp` = opaque bytes (an HTTP connection manager rejects it). */
export type AppProtocol = 'http' | 'http2' | 'tcp';

export interface TraceRequest {
  /** Host / :authority (may carry `:port`). */
  readonly host?: string;
  /** Destination port of the connection. */
  readonly port: number;
  /** :path, may carry `?query`. Default `/`. */
  readonly path?: string;
  /** :method. Default GET. */
  readonly method?: string;
  /** :scheme. Default `https` when TLS is used, else `http`. */
  readonly scheme?: string;
  /** Extra request headers (names are case-insensitive). */
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  /** Destination IP of the connection. Default 1.3.3.7 (an address nothing binds, like Pilot's simulator). */
  readonly address?: string;
  readonly protocol?: AppProtocol;
  readonly tls?: TlsMode;
  /** TLS SNI. Default: the host (without port) for `tls`; none for `mtls` (Istio sends the SNI of the cluster). */
  readonly sni?: string;
  /** ALPN offered in the ClientHello. Default from protocol/TLS mode (Pilot's simulator defaults). */
  readonly alpn?: readonly string[];
  /** Deliver to the `virtualInbound` listener (iptables redirect to 15006). */
  readonly inbound?: boolean;
  /** SDS secret name that marks an Istio mTLS chain. Default `default`. */
  readonly mtlsSecretName?: string;
}

/** A request with every default applied (what the engine actually matches on). */
export interface NormalizedRequest {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** Path without query and fragment (what Envoy's path matchers see). */
  readonly pathOnly: string;
  readonly query: ReadonlyMap<string, string>;
  readonly method: string;
  readonly scheme: string;
  /** Lower-cased header name -> value (multiple values joined by `,`), including pseudo headers. */
  readonly headers: ReadonlyMap<string, string>;
  readonly address: string;
  readonly protocol: AppProtocol;
  readonly tls: TlsMode;
  readonly sni: string;
  readonly alpn: readonly string[];
  readonly inbound: boolean;
  readonly mtlsSecretName: string;
}

export type TraceErrorCode =
  | 'invalid_request'
  | 'no_listener'
  | 'no_filter_chain'
  | 'multiple_filter_chains'
  | 'tls_error'
  | 'mtls_error'
  | 'protocol_error'
  | 'no_route_config'
  | 'no_virtual_host'
  | 'tls_required'
  | 'no_route'
  | 'cluster_not_found'
  | 'no_network_filter';

export type Stage = 'proxy' | 'request' | 'listener' | 'listener_filters' | 'filter_chain' | 'tls' | 'network_filter' | 'route_config' | 'virtual_host' | 'route' | 'action' | 'cluster' | 'scope';

export interface Step {
  readonly stage: Stage;
  /** One line: what was chosen (or what failed). */
  readonly summary: string;
  /** Why: candidates considered and skipped, in order. */
  readonly details: readonly string[];
}

export interface RouteRef {
  readonly name: string | null;
  /** Human-readable match (`prefix /cart, header end-user=jason`). */
  readonly match: string;
  /** Istio resource behind the route (`name.namespace`), from `metadata.filter_metadata.istio.config`. */
  readonly virtualService: string | null;
  /** The raw `istio.config` path. */
  readonly config: string | null;
  /** Index of the route in its virtual host. */
  readonly index: number;
  /** The Envoy route itself (not serialized). */
  readonly envoy: import('../envoy/types.ts').Route;
}

export interface ClusterRef {
  readonly name: string;
  readonly weight: number;
  readonly found: boolean;
}

export interface ClusterDetail {
  readonly name: string;
  readonly found: boolean;
  readonly type: string | null;
  readonly lbPolicy: string | null;
  readonly destinationRule: string | null;
  readonly endpoints: ReadonlyArray<{ readonly address: string; readonly health: string; readonly weight?: number; readonly locality?: string }>;
}

export interface Redirect {
  readonly scheme?: string;
  readonly host?: string;
  readonly path?: string;
  readonly code: number;
  /** The full Location header Envoy would send. */
  readonly location: string;
}

export interface HeaderChange { readonly name: string; readonly value: string; readonly append: boolean }

export interface TraceResult {
  readonly request: NormalizedRequest;
  readonly listener: string | null;
  readonly filterChain: string | null;
  /** Name of the terminal network filter's kind: `http_connection_manager`, `tcp_proxy`, other, or null. */
  readonly networkFilter: string | null;
  readonly routeConfig: string | null;
  readonly virtualHost: string | null;
  readonly route: RouteRef | null;
  /** How the cluster was specified: `cluster`, `weighted_clusters`, `cluster_header`, `tcp_proxy`, `tcp_proxy_weighted`, or null. */
  readonly clusterSpecifier: string | null;
  readonly clusters: readonly ClusterRef[];
  readonly clusterDetails: readonly ClusterDetail[];
  readonly redirect: Redirect | null;
  readonly directResponse: { readonly status: number; readonly body?: string } | null;
  /** Path/host after the route's rewrites (null when unchanged). */
  readonly rewrite: { readonly path?: string; readonly host?: string } | null;
  readonly requestHeadersToAdd: readonly HeaderChange[];
  readonly requestHeadersToRemove: readonly string[];
  readonly responseHeadersToAdd: readonly HeaderChange[];
  readonly timeout: string | null;
  readonly retryPolicy: unknown | null;
  readonly fault: unknown | null;
  readonly mirrors: ReadonlyArray<{ readonly cluster: string; readonly percentage: number }>;
  readonly error: TraceErrorCode | null;
  readonly errorMessage: string | null;
  readonly steps: readonly Step[];
}

export interface TraceOptions {
  /** List skipped and shadowed routes in the route step (default true; false = cheaper, for hot paths). */
  readonly explain?: boolean;
}
