import type { ConfigSnapshot } from '../config/snapshot.ts';
import type { ProxySpec } from '../model/proxy-spec.ts';
import type { ProxyConfig } from '../envoy/types.ts';

/**
 * The translator's single entry point: the Envoy config istiod would send to `proxy`.
 * (Implementation lands with issue #3; the signature is the contract every front end uses.)
 */
export function translateProxy(_snapshot: ConfigSnapshot, _proxy: ProxySpec): ProxyConfig {
  return { listeners: [], routes: [], clusters: [], endpoints: [] };
}
