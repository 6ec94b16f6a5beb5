// VirtualService semantic rules (Istio: pkg/config/validation ValidateVirtualService, validateHTTPRoute,
// validateTCPRoute/validateTLSRoute, validateHTTPRetry, validateHTTPFaultInjection, validateCORSPolicy…).
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asArray, asObject, isObject, isSet } from './findings.ts';
import { checkExportTo, checkLabels } from './common.ts';
import { isIP, isIPOrCIDR, portError, wildcardDomainError } from './names.ts';
import { hostsMatch, hostSubsetOf } from '../../model/hosts.ts';
import { checkHttpRoute } from './virtual-service-http.ts';
import { checkGatewayName, checkWeightedDestinations } from './route-destinations.ts';
import { checkUnreachableRules } from './virtual-service-reachability.ts';

export function validateVirtualService(o: RawObject, f: Findings): void {
  const spec = o.spec;
  const hosts = asArray(spec.hosts).filter((h): h is string => typeof h === 'string');
  const gateways = asArray(spec.gateways).filter((g): g is string => typeof g === 'string');
  const http = asArray(spec.http), tcp = asArray(spec.tcp), tls = asArray(spec.tls);
  const isDelegate = hosts.length === 0;
  if (isDelegate) {
    if (gateways.length) f.error('spec.gateways', 'delegate virtual service must have no gateways specified');
    if (tls.length) f.error('spec.tls', 'delegate virtual service must have no tls route specified');
    if (tcp.length) f.error('spec.tcp', 'delegate virtual service must have no tcp route specified');
  }
  const appliesToMesh = gateways.length === 0 || gateways.includes('mesh');
  const appliesToGateway = gateways.some((g) => g !== 'mesh');
  gateways.forEach((g, i) => checkGatewayName(f, child('spec.gateways', i), g));
  checkHosts(f, hosts, appliesToMesh);
  if (!http.length && !tcp.length && !tls.length) f.error('spec', 'http, tcp or tls must be provided in virtual service');
  checkExportTo(f, 'spec.exportTo', spec.exportTo, { namespace: o.ref.namespace ?? '' });
  http.forEach((r, i) => checkHttpRoute(f, child('spec.http', i), r, { isDelegate, appliesToGateway }));
  tcp.forEach((r, i) => checkTcpRoute(f, child('spec.tcp', i), r));
  tls.forEach((r, i) => checkTlsRoute(f, child('spec.tls', i), r, hosts));
  checkUnreachableRules(f, spec);
}

function checkHosts(f: Findings, hosts: string[], appliesToMesh: boolean): void {
  let allValid = true;
  hosts.forEach((h, i) => {
    const p = child('spec.hosts', i);
    const e = wildcardDomainError(h);
    if (e && !isIP(h)) { f.error(p, e); allValid = false; }
    else if (h === '*' && appliesToMesh) { f.error(p, 'wildcard host * is not allowed for virtual services bound to the mesh gateway'); allValid = false; }
  });
  if (!allValid) return;
  for (let i = 0; i < hosts.length; i++) {
    for (let j = i + 1; j < hosts.length; j++) {
      if (hostsMatch(hosts[i], hosts[j])) f.error(child('spec.hosts', j), `duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`);
    }
  }
}

function checkL4Match(f: Findings, path: string, m: unknown): void {
  if (!isObject(m)) return;
  asArray(m.destinationSubnets).forEach((s, i) => {
    if (typeof s === 'string' && !isIPOrCIDR(s)) f.error(child(child(path, 'destinationSubnets'), i), `"${s}" is not a valid IP or CIDR`);
  });
  if (typeof m.sourceSubnet === 'string' && m.sourceSubnet && !isIPOrCIDR(m.sourceSubnet)) f.error(child(path, 'sourceSubnet'), `"${m.sourceSubnet}" is not a valid IP or CIDR`);
  if (isSet(m.port) && m.port !== 0) {
    const e = portError(m.port);
    if (e) f.error(child(path, 'port'), e);
  }
  checkLabels(f, child(path, 'sourceLabels'), m.sourceLabels);
  asArray(m.gateways).forEach((g, i) => { if (typeof g === 'string') checkGatewayName(f, child(child(path, 'gateways'), i), g); });
}

function checkTcpRoute(f: Findings, path: string, r: unknown): void {
  const route = asObject(r);
  asArray(route.match).forEach((m, i) => checkL4Match(f, child(child(path, 'match'), i), m));
  const dests = asArray(route.route);
  if (!dests.length) f.error(path, 'TCP route is required');
  checkWeightedDestinations(f, child(path, 'route'), dests);
}

function checkTlsRoute(f: Findings, path: string, r: unknown, hosts: string[]): void {
  const route = asObject(r);
  const matches = asArray(route.match);
  if (!matches.length) f.error(path, 'TLS route must have at least one match condition');
  matches.forEach((m, i) => {
    const mp = child(child(path, 'match'), i);
    checkL4Match(f, mp, m);
    const sni = asArray(asObject(m).sniHosts);
    if (!sni.length) f.error(mp, 'TLS match must have at least one SNI host');
    sni.forEach((h, j) => {
      if (typeof h !== 'string') return;
      const sp = child(child(mp, 'sniHosts'), j);
      const e = wildcardDomainError(h);
      if (e) f.error(sp, e);
      else if (hosts.length && !hosts.some((vh) => hostSubsetOf(h, vh))) {
        f.error(sp, `SNI host "${h}" is not a compatible subset of any of the virtual service hosts: [${hosts.join(', ')}]`);
      }
    });
  });
  const dests = asArray(route.route);
  if (!dests.length) f.error(path, 'TLS route is required');
  checkWeightedDestinations(f, child(path, 'route'), dests);
}

