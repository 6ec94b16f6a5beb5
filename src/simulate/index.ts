/** The matching engine: trace requests through Envoy v3 config exactly as Envoy would route them. */
export type * from './types.ts';
export { CompiledProxy, compileProxy, compileDump } from './compile.ts';
export { traceCompiled, ERROR_MESSAGES } from './trace.ts';
export { normalizeRequest } from './request.ts';
export { RouteTable } from './route-match.ts';
export { CompiledRouteConfig } from './virtual-host-match.ts';
export { formatTraceText } from './format-text.ts';
export { traceJson } from './trace-json.ts';
// Building blocks for the data-plane proxy (match without the explanation):
export { ListenerIndex, listenerInspectors } from './listener-match.ts';
export { selectFilterChain } from './filter-chain-match.ts';
export { terminalFilter, tlsCheck } from './network-filters.ts';
export { routeAction } from './route-action.ts';
export { ClusterIndex } from './cluster-info.ts';

import type { ProxyConfig } from '../envoy/types.ts';
import type { TraceOptions, TraceRequest, TraceResult } from './types.ts';
import { compileProxy } from './compile.ts';
import { traceCompiled } from './trace.ts';

/** One-shot trace (compiles the config; compile once with `compileProxy` to trace many requests). */
export function trace(config: ProxyConfig, request: TraceRequest, opts: TraceOptions = {}): TraceResult {
  return traceCompiled(compileProxy(config), request, opts);
}
