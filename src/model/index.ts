/** The model's public surface: build once per snapshot, then one view per proxy. */
export * from './types.ts';
export { buildMeshModel, serviceKey } from './mesh-model.ts';
export { proxyView, gatewaysForProxy, virtualServicesForGateways, inboundPorts } from './proxy-view.ts';
export { resolveProxy, DEFAULT_PROXY_IP } from './resolve-proxy.ts';
export { parseExportTo, isVisibleTo, labelsMatch } from './export-to.ts';
export { kubePortProtocol, parseProtocol, isHttpProtocol, isHttp2Protocol, isTcpProtocol } from './protocol.ts';
export { resolveGatewayName } from './config-entries.ts';
export { virtualServiceDestinations, meshVirtualServicesFor } from './sidecar-scope.ts';
export { lookupDestinationRule, mostSpecificHost } from './destination-rules.ts';
