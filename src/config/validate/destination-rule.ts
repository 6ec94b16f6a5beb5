// DestinationRule semantic rules (Istio: ValidateDestinationRule, validateTrafficPolicy,
// validateConnectionPool, validateOutlierDetection, validateLoadBalancer, validateTLS, validateSubset).
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asArray, asObject, isObject, isSet } from './findings.ts';
import { checkExportTo, checkLabels, checkWorkloadSelector } from './common.ts';
import { durationError } from './durations.ts';
import { headerNameError, isDNS1123Label, portError, wildcardDomainError } from './names.ts';

export function validateDestinationRule(o: RawObject, f: Findings): void {
  const spec = o.spec;
  if (typeof spec.host !== 'string' || !spec.host) f.error('spec.host', 'host is required');
  else {
    const e = wildcardDomainError(spec.host);
    if (e) f.error('spec.host', e);
  }
  checkTrafficPolicy(f, 'spec.trafficPolicy', spec.trafficPolicy, true);
  const names = new Set<string>();
  asArray(spec.subsets).forEach((s, i) => {
    const p = child('spec.subsets', i);
    const sub = asObject(s);
    if (typeof sub.name !== 'string' || !sub.name) f.error(child(p, 'name'), 'subset name is required');
    else {
      if (!isDNS1123Label(sub.name)) f.error(child(p, 'name'), `subset name "${sub.name}" is invalid`);
      if (names.has(sub.name)) f.error(child(p, 'name'), `duplicate subset names: ${sub.name}`);
      names.add(sub.name);
    }
    checkLabels(f, child(p, 'labels'), sub.labels);
    checkTrafficPolicy(f, child(p, 'trafficPolicy'), sub.trafficPolicy, true);
  });
  checkWorkloadSelector(f, 'spec.workloadSelector', spec.workloadSelector);
  checkExportTo(f, 'spec.exportTo', spec.exportTo, { namespace: o.ref.namespace ?? '', drWithSelector: isObject(spec.workloadSelector) });
}

function checkTrafficPolicy(f: Findings, path: string, tp: unknown, allowPortLevel: boolean): void {
  if (!isObject(tp)) return;
  if (!Object.values(tp).some(isSet)) f.error(path, 'trafficPolicy must have at least one field');
  checkOutlierDetection(f, child(path, 'outlierDetection'), tp.outlierDetection);
  checkConnectionPool(f, child(path, 'connectionPool'), tp.connectionPool);
  checkLoadBalancer(f, child(path, 'loadBalancer'), tp.loadBalancer);
  checkClientTls(f, child(path, 'tls'), tp.tls);
  if (!allowPortLevel) return;
  const ports = new Set<number>();
  asArray(tp.portLevelSettings).forEach((pls, i) => {
    const p = child(child(path, 'portLevelSettings'), i);
    const s = asObject(pls);
    const num = asObject(s.port).number;
    if (!isSet(num)) f.error(child(p, 'port'), 'portTrafficPolicy must have valid port');
    else {
      const e = portError(num);
      if (e) f.error(child(child(p, 'port'), 'number'), e);
      if (typeof num === 'number' && ports.has(num)) f.error(child(p, 'port'), `duplicate port level settings for port ${num}`);
      if (typeof num === 'number') ports.add(num);
    }
    const { port: _port, ...rest } = s;
    checkTrafficPolicy(f, p, rest, false);
  });
}

function nonNegative(f: Findings, path: string, obj: Record<string, any>, field: string, what: string): void {
  if (typeof obj[field] === 'number' && obj[field] < 0) f.error(child(path, field), `${what} must be non-negative`);
}

function duration(f: Findings, path: string, obj: Record<string, any>, field: string): void {
  const e = durationError(obj[field], field);
  if (e) f.error(child(path, field), e);
}

function checkOutlierDetection(f: Findings, path: string, od: unknown): void {
  if (!isObject(od)) return;
  for (const k of ['consecutiveErrors', 'consecutive5xxErrors', 'consecutiveGatewayErrors', 'consecutiveLocalOriginFailures']) {
    const v = od[k];
    const n = isObject(v) ? v.value : v;
    if (typeof n === 'number' && n < 0) f.error(child(path, k), `outlier detection ${k} cannot be negative`);
  }
  if (isSet(od.consecutiveErrors)) f.warn(child(path, 'consecutiveErrors'), 'outlier detection consecutiveErrors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead');
  duration(f, path, od, 'interval');
  duration(f, path, od, 'baseEjectionTime');
  for (const k of ['maxEjectionPercent', 'minHealthPercent']) {
    if (typeof od[k] === 'number' && (od[k] < 0 || od[k] > 100)) f.error(child(path, k), `outlier detection ${k} must be in range [0, 100]`);
  }
}

function checkConnectionPool(f: Findings, path: string, cp: unknown): void {
  if (!isObject(cp)) return;
  if (!isSet(cp.http) && !isSet(cp.tcp)) f.error(path, 'must have at least one field');
  const http = asObject(cp.http), tcp = asObject(cp.tcp);
  const hp = child(path, 'http'), tp = child(path, 'tcp');
  nonNegative(f, hp, http, 'http1MaxPendingRequests', 'http1 max pending requests');
  nonNegative(f, hp, http, 'http2MaxRequests', 'http2 max requests');
  nonNegative(f, hp, http, 'maxRequestsPerConnection', 'max requests per connection');
  nonNegative(f, hp, http, 'maxRetries', 'max retries');
  nonNegative(f, hp, http, 'maxConcurrentStreams', 'max concurrent streams');
  duration(f, hp, http, 'idleTimeout');
  nonNegative(f, tp, tcp, 'maxConnections', 'max connections');
  duration(f, tp, tcp, 'connectTimeout');
  duration(f, tp, tcp, 'maxConnectionDuration');
  duration(f, tp, tcp, 'idleTimeout');
  const ka = asObject(tcp.tcpKeepalive), kp = child(tp, 'tcpKeepalive');
  duration(f, kp, ka, 'time');
  duration(f, kp, ka, 'interval');
}

function checkLoadBalancer(f: Findings, path: string, lb: unknown): void {
  if (!isObject(lb)) return;
  const ch = asObject(lb.consistentHash), cp = child(path, 'consistentHash');
  if (isObject(lb.consistentHash)) {
    if (typeof ch.httpHeaderName === 'string') {
      const e = headerNameError(ch.httpHeaderName);
      if (e) f.error(child(cp, 'httpHeaderName'), e);
    }
    if (isObject(ch.httpCookie)) {
      if (typeof ch.httpCookie.name !== 'string' || !ch.httpCookie.name) f.error(child(child(cp, 'httpCookie'), 'name'), 'name required for HttpCookie');
      if (isSet(ch.httpCookie.ttl) && ch.httpCookie.ttl !== '0s' && ch.httpCookie.ttl !== '0') duration(f, child(cp, 'httpCookie'), ch.httpCookie, 'ttl');
    }
    if (typeof ch.httpQueryParameterName === 'string' && !ch.httpQueryParameterName) f.error(child(cp, 'httpQueryParameterName'), 'httpQueryParameterName must not be empty');
    if (isSet(ch.minimumRingSize)) f.warn(child(cp, 'minimumRingSize'), 'consistent hash minimumRingSize is deprecated, use ringHash.minimumRingSize');
    if (!isSet(ch.httpHeaderName) && !isSet(ch.httpCookie) && !isSet(ch.useSourceIp) && !isSet(ch.httpQueryParameterName)) {
      f.error(cp, 'consistentHash must set one of httpHeaderName, httpCookie, useSourceIp or httpQueryParameterName');
    }
  }
  const e = durationError(lb.warmupDurationSecs, 'warmupDurationSecs');
  if (e) f.error(child(path, 'warmupDurationSecs'), e);
  checkLocality(f, child(path, 'localityLbSetting'), lb.localityLbSetting);
}

function checkLocality(f: Findings, path: string, l: unknown): void {
  if (!isObject(l)) return;
  const distribute = asArray(l.distribute), failover = asArray(l.failover);
  if (distribute.length && (failover.length || asArray(l.failoverPriority).length)) f.error(path, "can not simultaneously set 'distribute' and 'failover'");
  distribute.forEach((d, i) => {
    const to = asObject(asObject(d).to);
    const total = Object.values(to).reduce((a: number, w) => a + (typeof w === 'number' ? w : 0), 0);
    if (total !== 100) f.error(child(child(child(path, 'distribute'), i), 'to'), `total load balancing weight must be 100 (got ${total})`);
  });
  failover.forEach((fo, i) => {
    const x = asObject(fo);
    if (x.from && x.from === x.to) f.error(child(child(path, 'failover'), i), 'locality lb failover settings must specify different regions');
  });
}

function checkClientTls(f: Findings, path: string, tls: unknown): void {
  if (!isObject(tls)) return;
  const hasCerts = !!(tls.clientCertificate || tls.privateKey || tls.caCertificates || tls.credentialName);
  if (tls.mode === 'ISTIO_MUTUAL' && hasCerts) {
    f.error(path, 'cannot specify client certificates, private key, CA certificates or credentialName when mode is ISTIO_MUTUAL');
  }
  if (tls.mode === 'MUTUAL' && !tls.credentialName) {
    if (!tls.clientCertificate) f.error(child(path, 'clientCertificate'), 'client certificate required for mutual tls');
    if (!tls.privateKey) f.error(child(path, 'privateKey'), 'private key required for mutual tls');
  }
}
