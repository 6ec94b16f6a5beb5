// Gateway semantic rules (Istio: ValidateGateway, validateServer, validateServerPort, validateServerBind,
// validateTLSOptions).
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asArray, asObject, isObject, isSet } from './findings.ts';
import { checkLabels, isKnownProtocol, namespacedHostError } from './common.ts';
import { isIP, portError } from './names.ts';

const TLS_VERSIONS = ['TLS_AUTO', 'TLSV1_0', 'TLSV1_1', 'TLSV1_2', 'TLSV1_3'];

export function validateGateway(o: RawObject, f: Findings): void {
  const servers = asArray(o.spec.servers);
  if (!servers.length) f.error('spec.servers', 'gateway must have at least one server');
  const portNames = new Set<string>();
  servers.forEach((s, i) => {
    const p = child('spec.servers', i);
    if (!isObject(s)) { f.error(p, 'server may not be null'); return; }
    checkServer(f, p, s);
    const name = asObject(s.port).name;
    if (typeof name === 'string' && name) {
      if (portNames.has(name)) f.error(child(child(p, 'port'), 'name'), `port names in servers must be unique: duplicate name ${name}`);
      portNames.add(name);
    }
  });
  checkLabels(f, 'spec.selector', o.spec.selector);
}

function checkServer(f: Findings, path: string, s: Record<string, any>): void {
  const hosts = asArray(s.hosts);
  if (!hosts.length) f.error(child(path, 'hosts'), 'server config must contain at least one host');
  hosts.forEach((h, i) => {
    if (typeof h !== 'string') return;
    const e = namespacedHostError(h, true);
    if (e) f.error(child(child(path, 'hosts'), i), e);
  });
  const errorsBefore = f.list.length;
  const protocol = checkPort(f, child(path, 'port'), s.port);
  const portValid = f.list.length === errorsBefore;
  if (typeof s.bind === 'string' && s.bind && !isIP(s.bind) && !s.bind.startsWith('unix://')) f.error(child(path, 'bind'), `bind ${s.bind} must be an IP address or unix domain socket`);
  checkServerTls(f, path, s.tls, protocol, portValid);
}

function checkPort(f: Findings, path: string, port: unknown): string {
  if (!isObject(port)) { f.error(path, 'port is required'); return ''; }
  const protocol = typeof port.protocol === 'string' ? port.protocol.toUpperCase() : '';
  if (!protocol || !isKnownProtocol(protocol)) f.error(child(path, 'protocol'), `invalid protocol "${String(port.protocol ?? '')}", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP, HTTPS, TLS`);
  const e = portError(port.number);
  if (e) f.error(child(path, 'number'), e);
  if (typeof port.name !== 'string' || !port.name) f.error(child(path, 'name'), 'port name must be set');
  if (isSet(port.targetPort)) {
    const te = portError(port.targetPort);
    if (te) f.error(child(path, 'targetPort'), te);
  }
  return protocol;
}

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB', 'HTTP_PROXY']);

function checkServerTls(f: Findings, path: string, tlsValue: unknown, protocol: string, portValid: boolean): void {
  const tp = child(path, 'tls');
  const secure = protocol === 'HTTPS' || protocol === 'TLS';
  if (!isObject(tlsValue)) {
    if (secure && portValid) f.error(tp, 'server must have TLS settings for HTTPS/TLS protocols');
    return;
  }
  const tls = tlsValue;
  const mode = typeof tls.mode === 'string' ? tls.mode : 'PASSTHROUGH';
  if (!secure) {
    if (tls.httpsRedirect && !HTTP_PROTOCOLS.has(protocol)) f.warn(child(tp, 'httpsRedirect'), 'tls.httpsRedirect should only be used with http servers');
    if (!portValid) return;
    if (HTTP_PROTOCOLS.has(protocol)) {
      const passthrough = mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH';
      if (!passthrough || tls.caCertificates || tls.privateKey || tls.serverCertificate) f.error(tp, 'server cannot have TLS settings for plain text HTTP ports');
    } else {
      f.error(tp, 'server cannot have TLS settings for non HTTPS/TLS ports');
    }
    return;
  }
  const hasCredential = !!tls.credentialName || asArray(tls.credentialNames).length > 0 || asArray(tls.tlsCertificates).length > 0;
  if (mode === 'ISTIO_MUTUAL') {
    if (hasCredential || tls.serverCertificate || tls.privateKey || tls.caCertificates) {
      f.error(tp, 'ISTIO_MUTUAL TLS cannot have associated private key, server certificate, CA certificate or credentialName');
    }
  } else if (mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL') {
    if (!hasCredential) {
      if (!tls.serverCertificate) f.error(child(tp, 'serverCertificate'), `${mode} TLS requires a server certificate`);
      if (!tls.privateKey) f.error(child(tp, 'privateKey'), `${mode} TLS requires a private key`);
      if (mode !== 'SIMPLE' && !tls.caCertificates) f.error(child(tp, 'caCertificates'), `${mode} TLS requires a client CA bundle`);
    }
  } else if (mode === 'AUTO_PASSTHROUGH' && protocol !== 'TLS') {
    f.error(child(tp, 'mode'), 'AUTO_PASSTHROUGH mode requires protocol TLS');
  }
  const min = TLS_VERSIONS.indexOf(String(tls.minProtocolVersion ?? 'TLS_AUTO'));
  const max = TLS_VERSIONS.indexOf(String(tls.maxProtocolVersion ?? 'TLS_AUTO'));
  if (min > 0 && max > 0 && min > max) f.error(tp, 'TLS min protocol version is higher than the max protocol version');
}
