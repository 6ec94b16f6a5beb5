// Light structural checks of the Kubernetes kinds Sluice reads (what the API server would reject):
// types of the fields translation uses, port ranges, IP syntax. Not a full Kubernetes validation.
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asArray, asObject, isObject, isSet } from './findings.ts';

import { isIP, portError } from './names.ts';

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

export function validateKubernetesObject(o: RawObject, f: Findings): void {
  checkStringMap(f, 'metadata.labels', o.metadata.labels);
  checkStringMap(f, 'metadata.annotations', o.metadata.annotations);
  switch (o.kind) {
    case 'Service': return validateService(o, f);
    case 'Pod': return validatePod(o, f);
    case 'EndpointSlice': return validateEndpointSlice(o, f);
    case 'Endpoints': return validateEndpoints(o, f);
    case 'Secret': case 'ConfigMap': return checkStringMap(f, 'data', o.object.data);
  }
}

function checkStringMap(f: Findings, path: string, m: unknown): void {
  if (m === undefined || m === null) return;
  if (!isObject(m)) { f.k8sError(path, 'must be a map of strings'); return; }
  for (const [k, v] of Object.entries(m)) if (typeof v !== 'string') f.k8sError(child(path, k), `must be a string (got ${Array.isArray(v) ? 'array' : typeof v}); quote it`);
}

function checkInt(f: Findings, path: string, v: unknown, required: boolean, isPort = true): void {
  if (!isSet(v)) { if (required) f.k8sError(path, 'Required value'); return; }
  if (typeof v !== 'number' || !Number.isInteger(v)) { f.k8sError(path, `must be an integer (got ${JSON.stringify(v)})`); return; }
  if (isPort) {
    const e = portError(v);
    if (e) f.k8sError(path, e);
  }
}

function checkIntOrString(f: Findings, path: string, v: unknown): void {
  if (!isSet(v) || typeof v === 'string') return;
  checkInt(f, path, v, false);
}

function checkProtocol(f: Findings, path: string, v: unknown): void {
  if (isSet(v) && (typeof v !== 'string' || !PROTOCOLS.has(v))) f.k8sWarn(path, `Unsupported value: ${JSON.stringify(v)}: supported values: "SCTP", "TCP", "UDP"`);
}

function validateService(o: RawObject, f: Findings): void {
  const spec = o.spec;
  const ports = spec.ports;
  if (isSet(ports) && !Array.isArray(ports)) { f.k8sError('spec.ports', 'must be a list'); return; }
  const list = asArray(ports);
  const names = new Set<string>();
  list.forEach((pv, i) => {
    const p = child('spec.ports', i);
    const port = asObject(pv);
    checkInt(f, child(p, 'port'), port.port, true);
    checkIntOrString(f, child(p, 'targetPort'), port.targetPort);
    checkProtocol(f, child(p, 'protocol'), port.protocol);
    if (isSet(port.name) && typeof port.name !== 'string') f.k8sError(child(p, 'name'), 'must be a string');
    if (list.length > 1 && !port.name) f.k8sWarn(child(p, 'name'), 'Required value (a name is required when a Service has several ports)');
    if (typeof port.name === 'string' && port.name) {
      if (names.has(port.name)) f.k8sWarn(child(p, 'name'), `Duplicate value: "${port.name}"`);
      names.add(port.name);
    }
  });
  checkStringMap(f, 'spec.selector', spec.selector);
  if (typeof spec.clusterIP === 'string' && spec.clusterIP && spec.clusterIP !== 'None' && !isIP(spec.clusterIP)) f.k8sError('spec.clusterIP', `"${spec.clusterIP}" is not a valid IP address or None`);
}

function validatePod(o: RawObject, f: Findings): void {
  const containers = o.spec.containers;
  if (isSet(containers) && !Array.isArray(containers)) f.k8sError('spec.containers', 'must be a list');
  asArray(containers).forEach((c, i) => {
    const p = child('spec.containers', i);
    asArray(asObject(c).ports).forEach((pv, j) => {
      const pp = child(child(p, 'ports'), j);
      checkInt(f, child(pp, 'containerPort'), asObject(pv).containerPort, true);
      checkProtocol(f, child(pp, 'protocol'), asObject(pv).protocol);
    });
  });
  const status = asObject(o.object.status);
  if (typeof status.podIP === 'string' && status.podIP && !isIP(status.podIP)) f.k8sError('status.podIP', `"${status.podIP}" is not a valid IP address`);
  asArray(status.podIPs).forEach((x, i) => {
    const ip = asObject(x).ip;
    if (typeof ip === 'string' && !isIP(ip)) f.k8sError(child(child('status.podIPs', i), 'ip'), `"${ip}" is not a valid IP address`);
  });
}

function validateEndpointSlice(o: RawObject, f: Findings): void {
  const obj = o.object;
  if (isSet(obj.addressType) && !['IPv4', 'IPv6', 'FQDN'].includes(obj.addressType)) f.k8sWarn('addressType', `Unsupported value: ${JSON.stringify(obj.addressType)}: supported values: "FQDN", "IPv4", "IPv6"`);
  asArray(obj.endpoints).forEach((ep, i) => {
    const addrs = asObject(ep).addresses;
    if (!Array.isArray(addrs) || !addrs.length) f.k8sError(child(child('endpoints', i), 'addresses'), 'Required value: must contain at least 1 address');
    asArray(addrs).forEach((a, j) => {
      if (typeof a !== 'string' || (obj.addressType !== 'FQDN' && !isIP(a))) f.k8sError(child(child(child('endpoints', i), 'addresses'), j), `${JSON.stringify(a)} is not a valid IP address`);
    });
  });
  asArray(obj.ports).forEach((pv, i) => {
    checkInt(f, child(child('ports', i), 'port'), asObject(pv).port, false);
    checkProtocol(f, child(child('ports', i), 'protocol'), asObject(pv).protocol);
  });
}

function validateEndpoints(o: RawObject, f: Findings): void {
  asArray(o.object.subsets).forEach((s, i) => {
    const p = child('subsets', i);
    for (const key of ['addresses', 'notReadyAddresses'] as const) {
      asArray(asObject(s)[key]).forEach((a, j) => {
        const ip = asObject(a).ip;
        if (typeof ip !== 'string' || !isIP(ip)) f.k8sError(child(child(child(p, key), j), 'ip'), `${JSON.stringify(ip)} is not a valid IP address`);
      });
    }
    asArray(asObject(s).ports).forEach((pv, j) => checkInt(f, child(child(child(p, 'ports'), j), 'port'), asObject(pv).port, true));
  });
}
