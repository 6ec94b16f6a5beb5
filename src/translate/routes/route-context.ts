import type { Json } from '../../envoy/types.ts';
import type { StaticMatchContext } from './route-match.ts';

/** What VS → route translation needs from the proxy/mesh (injected so it stays a pure function). */
export interface RouteBuildContext extends StaticMatchContext {
  readonly isGateway: boolean;
  /** The routes serve a gateway server that has `tls` set (Istio RouteOptions.IsTLS: redirect scheme default). */
  readonly isTls?: boolean;
  /** Mesh `defaultHttpRetryPolicy` when set. */
  readonly meshDefaultRetry?: Json;
  /**
   * Cluster name for a destination. `host` is already resolved against the VS namespace; `port` is
   * the destination's `port.number` when set (the resolver applies Istio's port defaulting).
   */
  cluster(host: string, subset: string | undefined, port: number | undefined): string;
  /** Route hash policies from the destination's DestinationRule (consistentHash), if any. */
  hashPolicy?(host: string, subset: string | undefined, port: number | undefined): Json[] | undefined;
  /** Istio's ResolveShortnameToFQDN for hosts written in namespace `ns`. */
  resolveHost(host: string, ns: string): string;
}
