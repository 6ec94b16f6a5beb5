// Sidecar semantic rules (Istio: ValidateSidecar, validateSidecarIngressPortAndBind,
// validateSidecarEgressPortBindAndCaptureMode, validateNamespaceSlashWildcardHostname).
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asArray, asObject, isObject, isSet } from './findings.ts';
import { checkWorkloadSelector, isKnownProtocol, namespacedHostError } from './common.ts';
import { isIP, portError } from './names.ts';

const DEFAULT_ENDPOINT = /^(127\.0\.0\.1|0\.0\.0\.0|\[::1\]|\[::\]):(\d+)$/;

export function validateSidecar(o: RawObject, f: Findings): void {
  const spec = o.spec;
  const egress = asArray(spec.egress), ingress = asArray(spec.ingress);
  if (!egress.length && !ingress.length && !isSet(spec.outboundTrafficPolicy) && !isSet(spec.inboundConnectionPool)) f.error('spec', 'sidecar: empty configuration provided');
  checkWorkloadSelector(f, 'spec.workloadSelector', spec.workloadSelector);
  const ingressPorts = new Set<string>();
  ingress.forEach((l, i) => {
    const p = child('spec.ingress', i);
    const li = asObject(l);
    if (!isObject(li.port)) { f.error(child(p, 'port'), 'sidecar: port is required for ingress listeners'); }
    else {
      checkPort(f, child(p, 'port'), li.port);
      const key = `${li.bind ?? ''}:${li.port.number}`;
      if (ingressPorts.has(key)) f.error(child(p, 'port'), 'sidecar: ports on IP bound listeners must be unique');
      ingressPorts.add(key);
    }
    checkBind(f, child(p, 'bind'), li.bind);
    if (typeof li.defaultEndpoint === 'string' && li.defaultEndpoint) checkDefaultEndpoint(f, child(p, 'defaultEndpoint'), li.defaultEndpoint);
  });
  let portless = 0;
  egress.forEach((l, i) => {
    const p = child('spec.egress', i);
    const le = asObject(l);
    if (isObject(le.port)) checkPort(f, child(p, 'port'), le.port);
    else {
      portless++;
      if (portless > 1) f.error(p, 'sidecar: egress can have only one listener with empty port');
      else if (i !== egress.length - 1) f.error(p, 'sidecar: the egress listener with empty port should be the last listener in the list');
    }
    checkBind(f, child(p, 'bind'), le.bind);
    const hosts = asArray(le.hosts);
    if (!hosts.length) f.error(child(p, 'hosts'), 'sidecar: egress listener must contain at least one host');
    hosts.forEach((h, j) => {
      if (typeof h !== 'string') return;
      const e = namespacedHostError(h, false);
      if (e) f.error(child(child(p, 'hosts'), j), `sidecar: ${e}`);
    });
  });
  const otp = asObject(spec.outboundTrafficPolicy);
  if (isSet(otp.egressProxy)) {
    if (otp.mode !== 'ALLOW_ANY') f.error('spec.outboundTrafficPolicy.egressProxy', 'sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode');
    f.warn('spec.outboundTrafficPolicy.egressProxy', 'OutboundTrafficPolicy.EgressProxy is deprecated and ignored');
  }
}

function checkPort(f: Findings, path: string, port: Record<string, any>): void {
  const e = portError(port.number);
  if (e) f.error(child(path, 'number'), `sidecar: ${e}`);
  if (typeof port.protocol === 'string' && port.protocol && !isKnownProtocol(port.protocol)) f.error(child(path, 'protocol'), `sidecar: invalid protocol "${port.protocol}"`);
}

function checkBind(f: Findings, path: string, bind: unknown): void {
  if (typeof bind === 'string' && bind && !isIP(bind) && !bind.startsWith('unix://')) f.error(path, `sidecar: bind ${bind} must be an IP address or unix domain socket`);
}

function checkDefaultEndpoint(f: Findings, path: string, ep: string): void {
  if (ep.startsWith('unix://')) {
    if (ep.length <= 'unix://'.length) f.error(path, 'sidecar: defaultEndpoint has an empty unix domain socket path');
    return;
  }
  const m = DEFAULT_ENDPOINT.exec(ep);
  if (!m || portError(Number(m[2]))) f.error(path, 'sidecar: defaultEndpoint must be of form 127.0.0.1:<port>, 0.0.0.0:<port>, [::1]:<port>, [::]:<port>, unix://filepath, or unset');
}
