import type { TraceResult } from './types.ts';

/** The `-o json` form of a trace (docs/trace.md documents the schema). */
export function traceJson(r: TraceResult): Record<string, unknown> {
  const q = r.request;
  return {
    request: {
      host: q.host, port: q.port, path: q.path, method: q.method, scheme: q.scheme, address: q.address,
      protocol: q.protocol, tls: q.tls, sni: q.sni || null, alpn: q.alpn, inbound: q.inbound,
      headers: Object.fromEntries([...q.headers].filter(([k]) => !k.startsWith(':') && k !== 'host')),
    },
    listener: r.listener,
    filterChain: r.filterChain,
    networkFilter: r.networkFilter,
    routeConfig: r.routeConfig,
    virtualHost: r.virtualHost,
    route: r.route ? { name: r.route.name, match: r.route.match, virtualService: r.route.virtualService, index: r.route.index } : null,
    clusterSpecifier: r.clusterSpecifier,
    clusters: r.clusters,
    clusterDetails: r.clusterDetails,
    redirect: r.redirect,
    directResponse: r.directResponse,
    rewrite: r.rewrite,
    requestHeadersToAdd: r.requestHeadersToAdd,
    requestHeadersToRemove: r.requestHeadersToRemove,
    responseHeadersToAdd: r.responseHeadersToAdd,
    timeout: r.timeout,
    retryPolicy: r.retryPolicy,
    fault: r.fault,
    mirrors: r.mirrors,
    error: r.error,
    errorMessage: r.errorMessage,
    steps: r.steps,
  };
}
