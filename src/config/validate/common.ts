// Rules shared by several kinds: exportTo, label selectors, string matches, destinations, ports.
import { Findings, child, asArray, asObject, isObject, isSet } from './findings.ts';
import { isDNS1123Label, labelKeyError, labelValueError, portError, wildcardDomainError } from './names.ts';
import { re2Error } from './regex.ts';

/** `validateExportTo`: `.`, `*`, `~` or namespace names; no duplicates; `*` alone; `~` alone. */
export function checkExportTo(f: Findings, path: string, exportTo: unknown, opts: { namespace: string; isServiceEntry?: boolean; drWithSelector?: boolean }): void {
  const list = asArray(exportTo);
  if (!list.length) return;
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (typeof e !== 'string') return;
    const p = child(path, i);
    if (e !== '.' && e !== '*' && e !== '~' && !isDNS1123Label(e)) f.error(p, `only .,* or a valid DNS 1123 label is allowed as exportTo entry (got "${e}")`);
    const key = e === '.' ? opts.namespace : e;
    if (seen.has(key)) f.error(p, `duplicate entries in exportTo: ${e}`);
    seen.add(key);
  });
  if (seen.has('*') && seen.size > 1) f.error(path, 'cannot have both public (*) and non-public exportTo values for a resource');
  if (seen.has('~') && seen.size > 1) f.error(path, `cannot export ${opts.isServiceEntry ? 'service entry' : 'resource'} to no one (~) and someone`);
  if (opts.drWithSelector && (!seen.has(opts.namespace) || seen.size > 1)) {
    f.error(path, 'destination rule with workload selector cannot have exportTo beyond current namespace');
  }
}

/** `labels.Instance.Validate`. */
export function checkLabels(f: Findings, path: string, labels: unknown): void {
  for (const [k, v] of Object.entries(asObject(labels))) {
    const p = child(path, k);
    const ke = labelKeyError(k);
    if (ke) f.error(p, ke);
    if (typeof v === 'string') {
      const ve = labelValueError(v);
      if (ve) f.error(p, ve);
    }
  }
}

/** `validateWorkloadSelector`: labels, no empty keys, no wildcards. */
export function checkWorkloadSelector(f: Findings, path: string, selector: unknown): void {
  if (!isObject(selector)) return;
  // Security kinds and DestinationRule use `matchLabels`; ServiceEntry and Sidecar use `labels`.
  const key = 'labels' in selector ? 'labels' : 'matchLabels';
  const labels = asObject(selector[key]);
  // Only the `matchLabels` form warns when empty; `workloadSelector: {}` on a ServiceEntry or Sidecar is accepted silently.
  if (key === 'matchLabels' && 'matchLabels' in selector && !Object.keys(labels).length) f.warn(path, 'workload selector specified without labels');
  for (const [k, v] of Object.entries(labels)) {
    const p = child(child(path, key), k);
    if (k === '') f.error(p, 'empty key is not supported in selector');
    if (k.includes('*') || String(v).includes('*')) f.error(p, 'wildcard is not supported in selector');
  }
  checkLabels(f, child(path, key), labels);
}

/** `validateStringMatch`: exact/prefix/regex; prefix and regex must not be empty unless `allowEmptyPrefix`; regex must be RE2. */
export function checkStringMatch(f: Findings, path: string, sm: unknown, where: string, allowEmptyPrefix = false): void {
  if (!isObject(sm)) return;
  if (typeof sm.prefix === 'string' && sm.prefix === '' && !allowEmptyPrefix) f.error(child(path, 'prefix'), `"${where}" prefix string match should not be empty`);
  if (typeof sm.regex === 'string') {
    if (sm.regex === '' && !allowEmptyPrefix) f.error(child(path, 'regex'), `"${where}" regex string match should not be empty`);
    else {
      const e = re2Error(sm.regex);
      if (e) f.error(child(path, 'regex'), `"${where}" ${e}`);
    }
  }
}

/** `validateDestination`: host required and a valid (wildcard) domain, subset a DNS label, port 1..65535. */
export function checkDestination(f: Findings, path: string, dest: unknown): void {
  if (!isObject(dest)) return;
  const host = dest.host;
  if (typeof host !== 'string' || !host) f.error(child(path, 'host'), 'destination.host is required');
  else {
    const e = wildcardDomainError(host);
    if (e) f.error(child(path, 'host'), e);
  }
  if (typeof dest.subset === 'string' && dest.subset !== '' && !isDNS1123Label(dest.subset)) f.error(child(path, 'subset'), `subset "${dest.subset}" is not a valid DNS label`);
  const port = asObject(dest.port);
  if (isSet(port.number)) {
    const e = portError(port.number);
    if (e) f.error(child(child(path, 'port'), 'number'), e);
  }
}

/** Gateway/Sidecar port protocols Istio understands (`protocol.Parse`, case-insensitive). */
export const PROTOCOLS = ['HTTP', 'HTTPS', 'GRPC', 'GRPC-WEB', 'HTTP2', 'MONGO', 'REDIS', 'MYSQL', 'TCP', 'TLS', 'UDP', 'HTTP_PROXY'] as const;
export function isKnownProtocol(p: string): boolean {
  return (PROTOCOLS as readonly string[]).includes(p.toUpperCase());
}

/** `validateNamespaceSlashWildcardHostname`: `ns/host` (Sidecar, Gateway) or a bare host (Gateway only). */
export function namespacedHostError(host: string, isGateway: boolean): string | undefined {
  const slash = host.indexOf('/');
  if (slash < 0) return isGateway ? wildcardDomainError(host) : `host "${host}" must be of form namespace/dnsName`;
  const ns = host.slice(0, slash), name = host.slice(slash + 1);
  if (!ns || !name) return `config namespace and dnsName in host entry cannot be empty (host "${host}")`;
  const nsOk = ns === '*' || ns === '.' || (!isGateway && ns === '~') || isDNS1123Label(ns);
  if (!nsOk) return `invalid namespace value "${ns}" in ${isGateway ? 'gateway' : 'sidecar'} host "${host}"`;
  if (name === '*') return undefined;
  return wildcardDomainError(name);
}
