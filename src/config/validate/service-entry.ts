// ServiceEntry semantic rules (Istio: ValidateServiceEntry).
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asArray, asObject, isObject } from './findings.ts';
import { checkExportTo, checkLabels, checkWorkloadSelector, isKnownProtocol } from './common.ts';
import { fqdnError, isDNS1123Label, isIP, isIPOrCIDR, portError, wildcardDomainError } from './names.ts';

export function validateServiceEntry(o: RawObject, f: Findings): void {
  const spec = o.spec;
  const hosts = asArray(spec.hosts).filter((h): h is string => typeof h === 'string');
  if (!hosts.length) f.error('spec.hosts', 'service entry must have at least one host');
  hosts.forEach((h, i) => {
    const p = child('spec.hosts', i);
    if (h === '*') { f.error(p, `invalid host ${h}`); return; }
    const e = wildcardDomainError(h);
    if (e) f.error(p, e);
  });
  asArray(spec.addresses).forEach((a, i) => {
    if (typeof a === 'string' && !isIPOrCIDR(a)) f.error(child('spec.addresses', i), `invalid address ${a}`);
  });
  const portNames = checkPorts(f, spec);
  const resolution = typeof spec.resolution === 'string' ? spec.resolution : 'NONE';
  const endpoints = asArray(spec.endpoints);
  if (isObject(spec.workloadSelector) && endpoints.length) f.error('spec.workloadSelector', 'only one of WorkloadSelector or Endpoints is allowed in Service Entry');
  checkWorkloadSelector(f, 'spec.workloadSelector', spec.workloadSelector);
  checkResolution(f, resolution, hosts, endpoints, asArray(spec.addresses));
  if (resolution !== 'NONE' && hosts.length > 1) {
    const protocols = asArray(spec.ports).map((pv) => String(asObject(pv).protocol ?? '').toUpperCase());
    const differentiable = (p: string) => ['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB', 'HTTPS', 'TLS'].includes(p);
    if (!protocols.every(differentiable)) f.error('spec.hosts', 'multiple hosts provided with non-HTTP, non-TLS ports');
  }
  endpoints.forEach((ep, i) => checkEndpoint(f, child('spec.endpoints', i), asObject(ep), resolution, portNames));
  const unix = endpoints.some((ep) => String(asObject(ep).address ?? '').startsWith('unix://'));
  if (unix && asArray(spec.ports).length !== 1) f.error('spec.ports', 'exactly 1 service port required for unix endpoints');
  checkExportTo(f, 'spec.exportTo', spec.exportTo, { namespace: o.ref.namespace ?? '', isServiceEntry: true });
}

function checkPorts(f: Findings, spec: Record<string, any>): Set<string> {
  const names = new Set<string>(), numbers = new Set<number>();
  asArray(spec.ports).forEach((pv, i) => {
    const p = child('spec.ports', i);
    const port = asObject(pv);
    const e = portError(port.number);
    if (e) f.error(child(p, 'number'), e);
    else if (numbers.has(port.number)) f.error(child(p, 'number'), `service entry port ${port.number} already defined`);
    else numbers.add(port.number);
    if (typeof port.name === 'string') {
      if (!isDNS1123Label(port.name)) f.error(child(p, 'name'), `invalid port name: ${port.name}`);
      if (names.has(port.name)) f.error(child(p, 'name'), `service entry port name "${port.name}" already defined`);
      names.add(port.name);
    }
    if (typeof port.protocol === 'string' && port.protocol && !isKnownProtocol(port.protocol)) f.error(child(p, 'protocol'), `invalid protocol "${port.protocol}"`);
    if (port.targetPort !== undefined && port.targetPort !== 0) {
      const te = portError(port.targetPort);
      if (te) f.error(child(p, 'targetPort'), te);
    }
  });
  return names;
}

function checkResolution(f: Findings, resolution: string, hosts: string[], endpoints: unknown[], addresses: unknown[]): void {
  switch (resolution) {
    case 'NONE':
      if (endpoints.length) f.error('spec.endpoints', 'no endpoints should be provided for resolution type none');
      break;
    case 'STATIC':
      break;
    case 'DNS':
    case 'DNS_ROUND_ROBIN':
      if (!endpoints.length) {
        hosts.forEach((h, i) => {
          if (fqdnError(h)) f.error(child('spec.hosts', i), `hosts must be FQDN if no endpoints are provided for resolution mode ${resolution} (got "${h}")`);
        });
      }
      if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) f.error('spec.endpoints', 'there must be only one endpoint for resolution mode DNS_ROUND_ROBIN');
      if (addresses.some((a) => typeof a === 'string' && a.includes('/'))) f.error('spec.addresses', 'CIDR addresses are allowed only for NONE/STATIC resolution types');
      break;
  }
}

function checkEndpoint(f: Findings, path: string, ep: Record<string, any>, resolution: string, portNames: Set<string>): void {
  const addr = ep.address;
  if (typeof addr === 'string' && addr) {
    if (addr.startsWith('unix://')) {
      if (resolution !== 'STATIC') f.error(child(path, 'address'), 'unix:// endpoints are only allowed with resolution STATIC');
      if (Object.keys(asObject(ep.ports)).length) f.error(child(path, 'ports'), `unix endpoint ${addr} must not include ports`);
    } else if (resolution === 'STATIC') {
      if (!isIP(addr)) f.error(child(path, 'address'), `endpoint address "${addr}" is not a valid IP address`);
    } else if (!isIP(addr)) {
      const e = fqdnError(addr);
      if (e) f.error(child(path, 'address'), e);
    }
  } else if (resolution === 'STATIC' || resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') {
    if (!ep.network) f.error(child(path, 'address'), 'endpoint address is required (or a network for a gateway-routed endpoint)');
  }
  for (const [name, port] of Object.entries(asObject(ep.ports))) {
    const p = child(child(path, 'ports'), name);
    if (!portNames.has(name)) f.error(p, `endpoint port ${name} is not defined by the service entry`);
    const e = portError(port);
    if (e) f.error(p, e);
  }
  checkLabels(f, child(path, 'labels'), ep.labels);
}
