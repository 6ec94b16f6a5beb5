// DestinationRule semantic rules (Istio: ValidateDestinationRule, validateTrafficPolicy,
// validateConnectionPool, validateOutlierDetection, validateLoadBalancer, validateTLS, validateSubset).
import type { RawObject } from '../load/raw-object.ts';
import { Findings, child, asArray, asObject, isObject, isSet } from './findings.ts';
import { checkExportTo, checkLabels, checkWorkloadSelector } from './common.ts';
import { durationError, parseDurationMs } from './durations.ts';
import { fqdnError, headerNameError, isDNS1123Label, isIP, portError, wildcardDomainError } from './names.ts';

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
  if (!Object.values(tp).some(isSet)) {
    f.error(path, allowPortLevel ? 'traffic policy must have at least one field' : 'port traffic policy must have at least one field');
    return;
  }
  if (isSet(tp.tunnel) && isSet(tp.proxyProtocol)) f.error(path, 'tunnel and proxyProtocol must not be set together');
  checkTunnel(f, child(path, 'tunnel'), tp.tunnel);
  checkOutlierDetection(f, child(path, 'outlierDetection'), tp.outlierDetection);
  checkConnectionPool(f, child(path, 'connectionPool'), tp.connectionPool);
  checkLoadBalancer(f, child(path, 'loadBalancer'), tp.loadBalancer, isSet(tp.outlierDetection));
  checkClientTls(f, child(path, 'tls'), tp.tls);
  if (!allowPortLevel) return;
  const ports = new Set<number>();
  asArray(tp.portLevelSettings).forEach((pls, i) => {
    const p = child(child(path, 'portLevelSettings'), i);
    const s = asObject(pls);
    const num = asObject(s.port).number;
    if (!isObject(s.port)) f.error(child(p, 'port'), 'portTrafficPolicy must have valid port');
    else if (isSet(num)) {
      const e = portError(num);
      if (e) f.error(child(child(p, 'port'), 'number'), e);
      if (typeof num === 'number' && ports.has(num)) f.warn(child(p, 'port'), `duplicate port level settings for port ${num}; the first one is used`);
      if (typeof num === 'number') ports.add(num);
    }
    const { port: _port, ...rest } = s;
    checkTrafficPolicy(f, p, rest, false);
  });
}

/** `validateTunnelSettings`. */
function checkTunnel(f: Findings, path: string, t: unknown): void {
  if (!isObject(t)) return;
  if (t.protocol && t.protocol !== 'CONNECT' && t.protocol !== 'POST') f.error(child(path, 'protocol'), 'tunnel protocol must be "CONNECT" or "POST"');
  const host = typeof t.targetHost === 'string' ? t.targetHost : '';
  if (!isIP(host) && fqdnError(host)) f.error(child(path, 'targetHost'), `tunnel target host must be valid FQDN or IP address: "${host}"`);
  const e = portError(t.targetPort);
  if (e) f.error(child(path, 'targetPort'), `tunnel target port is invalid: ${e}`);
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
  const localOrigin = isObject(od.consecutiveLocalOriginFailures) ? od.consecutiveLocalOriginFailures.value : od.consecutiveLocalOriginFailures;
  if (typeof localOrigin === 'number' && localOrigin > 0 && !od.splitExternalLocalOriginErrors) {
    f.error(child(path, 'consecutiveLocalOriginFailures'), 'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false');
  }
  if (isSet(od.consecutiveErrors) && od.consecutiveErrors !== 0) f.warn(child(path, 'consecutiveErrors'), 'outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead');
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
  if (!(typeof tcp.idleTimeout === 'string' && parseDurationMs(tcp.idleTimeout) === 0)) duration(f, tp, tcp, 'idleTimeout'); // 0s disables it
  const ka = asObject(tcp.tcpKeepalive), kp = child(tp, 'tcpKeepalive');
  duration(f, kp, ka, 'time');
  duration(f, kp, ka, 'interval');
}

function checkLoadBalancer(f: Findings, path: string, lb: unknown, hasOutlierDetection: boolean): void {
  if (!isObject(lb)) return;
  const ch = asObject(lb.consistentHash), cp = child(path, 'consistentHash');
  if (isObject(lb.consistentHash)) {
    if (typeof ch.httpHeaderName === 'string') {
      const e = headerNameError(ch.httpHeaderName);
      if (e) f.error(child(cp, 'httpHeaderName'), e);
    }
    if (isObject(ch.httpCookie) && (typeof ch.httpCookie.name !== 'string' || !ch.httpCookie.name)) f.error(child(child(cp, 'httpCookie'), 'name'), 'name required for HttpCookie');
    if (isSet(ch.minimumRingSize) && ch.minimumRingSize !== 0) {
      f.warn(child(cp, 'minimumRingSize'), "consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead");
      if (isSet(ch.ringHash) || isSet(ch.maglev)) f.error(cp, 'only one of MinimumRingSize or Maglev/Ringhash can be specified');
    }
    if (isObject(ch.maglev)) checkMaglev(f, child(cp, 'maglev'), ch.maglev.tableSize);
  }
  checkLocality(f, child(path, 'localityLbSetting'), lb.localityLbSetting, hasOutlierDetection);
  if (isObject(lb.warmup)) {
    const w = lb.warmup, wp = child(path, 'warmup');
    if (!isSet(w.duration)) f.error(wp, 'duration is required');
    else duration(f, wp, w, 'duration');
    const min = isObject(w.minimumPercent) ? w.minimumPercent.value : w.minimumPercent;
    if (typeof min === 'number' && min > 100) f.error(child(wp, 'minimumPercent'), 'minimumPercent value should be less than or equal to 100');
    const agg = isObject(w.aggression) ? w.aggression.value : w.aggression;
    if (typeof agg === 'number' && agg < 1) f.error(child(wp, 'aggression'), 'aggression should be greater than or equal to 1');
  }
}

/** Envoy's maglev table size: set, below 5000011, prime. */
function checkMaglev(f: Findings, path: string, size: unknown): void {
  const p = child(path, 'tableSize');
  if (typeof size !== 'number' || size === 0) { f.error(p, 'tableSize must be set for maglev'); return; }
  if (size >= 5000011) f.error(p, 'tableSize must be less than 5000011 for maglev');
  if (!isPrime(size)) f.error(p, 'tableSize must be a prime number for maglev');
}

function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  for (let d = 3; d * d <= x; d += 2) if (x % d === 0) return false;
  return true;
}

/** `agent.ValidateLocalityLbSetting`. */
function checkLocality(f: Findings, path: string, l: unknown, hasOutlierDetection: boolean): void {
  if (!isObject(l)) return;
  const distribute = asArray(l.distribute), failover = asArray(l.failover), priority = asArray(l.failoverPriority);
  if (distribute.length && failover.length) { f.error(path, "can not simultaneously specify 'distribute' and 'failover'"); return; }
  const TOPOLOGY = ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone'];
  const topo = priority.find((x) => typeof x === 'string' && TOPOLOGY.includes(x));
  if (failover.length && topo) { f.error(path, `can not simultaneously set 'failover' and topology label '${topo}' in 'failover_priority'`); return; }
  for (let i = 0; i < distribute.length; i++) {
    const to = asObject(asObject(distribute[i]).to), tp = child(child(child(path, 'distribute'), i), 'to');
    const weights = Object.values(to).filter((w): w is number => typeof w === 'number');
    if (weights.some((w) => w <= 0 || w > 100)) { f.error(tp, 'locality weight must be in range [1, 100]'); return; }
    const total = weights.reduce((a, w) => a + w, 0);
    if (total !== 100) { f.error(tp, `total locality weight ${total} != 100`); return; }
  }
  if ((failover.length || priority.length) && !hasOutlierDetection) f.warn(path, 'outlier detection policy must be provided for failover');
  failover.forEach((fo, i) => {
    const x = asObject(fo), p = child(child(path, 'failover'), i);
    if (x.from === x.to) f.error(p, 'locality lb failover settings must specify different regions');
    if (String(x.from ?? '').includes('/') || String(x.to ?? '').includes('/')) f.error(p, 'locality lb failover only specify region');
    if (String(x.from ?? '').includes('*') || String(x.to ?? '').includes('*')) f.error(p, "locality lb failover region should not contain '*' wildcard");
  });
}

/** `agent.ValidateTLS` (client side). */
function checkClientTls(f: Findings, path: string, tls: unknown): void {
  if (!isObject(tls)) return;
  const skipVerify = isObject(tls.insecureSkipVerify) ? tls.insecureSkipVerify.value : tls.insecureSkipVerify;
  if (skipVerify === true) {
    if (tls.mode === 'SIMPLE' && (tls.caCertificates || tls.credentialName || isSet(tls.subjectAltNames))) {
      f.error(path, 'cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true');
    }
    if (tls.mode === 'MUTUAL' && (tls.caCertificates || isSet(tls.subjectAltNames))) {
      f.error(path, 'cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true');
    }
  }
  if ((tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL') && tls.credentialName) {
    if (tls.clientCertificate || tls.caCertificates || tls.privateKey || tls.caCrl) {
      f.error(path, 'cannot specify client certificates or CA certificate or CA CRL If credentialName is set');
    }
    return;
  }
  if (tls.mode === 'MUTUAL') {
    if (!tls.clientCertificate) f.error(child(path, 'clientCertificate'), 'client certificate required for mutual tls');
    if (!tls.privateKey) f.error(child(path, 'privateKey'), 'private key required for mutual tls');
  }
}
