// Name syntax rules shared by the validators (Istio's pkg/config/labels and validation/agent helpers).

const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const HEADER_NAME = /^[-_A-Za-z0-9]+$/;

/** `labels.IsDNS1123Label`: at most 63 characters of `[a-zA-Z0-9-]`, not starting or ending with `-`. */
export function isDNS1123Label(s: string): boolean {
  return s.length > 0 && s.length <= 63 && DNS1123_LABEL.test(s);
}

function isWildcardLabel(s: string): boolean {
  return s.length <= 63 && WILDCARD_LABEL.test(s);
}

/** `agent.ValidateDNS1123Labels`: dot-separated labels; a trailing dot is allowed; the TLD is not all-numeric. */
export function dns1123LabelsError(domain: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1];
  if (/^[0-9]+$/.test(tld)) return `domain name "${domain}" invalid (top level domain "${tld}" cannot be all-numeric)`;
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === '') return undefined;
    if (!isDNS1123Label(parts[i])) return `domain name "${domain}" invalid (label "${parts[i]}" invalid)`;
  }
  return undefined;
}

/** `agent.ValidateWildcardDomain`: a host, optionally with a wildcard in its first label only (`*`, `*.example.com`). */
export function wildcardDomainError(domain: string): string | undefined {
  if (domain.length === 0) return 'empty domain name not allowed';
  if (domain.length > 255) return `domain name "${domain}" too long (max 255)`;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!isWildcardLabel(first)) return `domain name "${domain}" invalid (label "${first}" invalid)`;
  return dot < 0 ? undefined : dns1123LabelsError(domain.slice(dot + 1));
}

/** `agent.ValidateFQDN`-style check without wildcards (DNS endpoint addresses, hosts that must resolve). */
export function fqdnError(domain: string): string | undefined {
  if (domain.length === 0) return 'empty domain name not allowed';
  if (domain.length > 255) return `domain name "${domain}" too long (max 255)`;
  return dns1123LabelsError(domain);
}

/** Kubernetes label key (optional DNS-subdomain prefix + `/` + name). */
export function labelKeyError(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? '' : key.slice(0, slash);
  if (prefix && (prefix.length > 253 || dns1123LabelsError(prefix.toLowerCase()))) return `invalid label key: "${key}" (invalid prefix)`;
  if (!name || name.length > 63 || !QUALIFIED_NAME.test(name)) return `invalid label key: "${key}"`;
  return undefined;
}

export function labelValueError(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !QUALIFIED_NAME.test(value)) return `invalid label value: "${value}"`;
  return undefined;
}

/** `ValidateHTTPHeaderName`. */
export function headerNameError(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (!HEADER_NAME.test(name)) return `header name ${name} is not a valid header name`;
  return undefined;
}

/** `ValidatePort`: 1..65535. */
export function portError(port: unknown): string | undefined {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) return `port number ${String(port)} must be in the range 1..65535`;
  return undefined;
}

export function isIPv4(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return !!m && m.slice(1).every((o) => Number(o) <= 255 && (o.length === 1 || o[0] !== '0'));
}

export function isIPv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  let parts = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let need = 8;
  const last = parts[parts.length - 1];
  if (last && last.includes('.')) {
    if (!isIPv4(last)) return false;
    parts = parts.slice(0, -1);
    need = 6;
  }
  if (!parts.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? parts.length < need : parts.length === need;
}

export const isIP = (s: string): boolean => isIPv4(s) || isIPv6(s);

/** `ValidateIPSubnet`: an IP or a CIDR. */
export function isIPOrCIDR(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return isIP(s);
  const ip = s.slice(0, slash), bits = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const n = Number(bits);
  return isIPv4(ip) ? n <= 32 : isIPv6(ip) ? n <= 128 : false;
}
