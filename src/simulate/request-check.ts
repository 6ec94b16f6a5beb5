import { parseIp } from './ip.ts';

/**
 * Checks on the request a user asks trace / route tests to simulate. Each returns a message naming what is
 * wrong (the caller adds the flag or file field), or null when the value is usable. Pure.
 */

/** RFC 9110 token characters: what an HTTP method may be made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A DNS name or IPv4 (letters, digits, `-`, `_`, `.`; a trailing dot = FQDN). */
const HOSTNAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?$/;

/** `host[:port]` or `[v6][:port]`; the port, when given, must be 1-65535. Empty = missing. */
export function hostProblem(host: string): string | null {
  if (host === '') return 'is empty';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) return `"${host}" is a URL; give the Host header only (e.g. reviews or reviews:9080), and the path with --path`;
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(host);
  const [name, port] = v6 ? [v6[1], v6[2]] : splitPort(host);
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return `"${host}": port "${port}" is not a number`;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return `"${host}": port ${port} is not 1-65535`;
  if (v6) return parseIp(name) ? null : `"${host}": [${name}] is not an IPv6 address`;
  if (!HOSTNAME.test(name)) return `"${host}" is not a host name (letters, digits, "-", "_" and dots; optionally :PORT)`;
  return null;
}

function splitPort(host: string): [string, string | undefined] {
  const i = host.lastIndexOf(':');
  return i < 0 ? [host, undefined] : [host.slice(0, i), host.slice(i + 1)];
}

/** A destination IP: IPv4 (each part 0-255) or IPv6. */
export function addressProblem(address: string): string | null {
  return parseIp(address) ? null : `"${address}" is not an IP address (IPv4 like 10.0.0.1 or IPv6 like fd00::1)`;
}

/** `:path` in origin form: starts with `/`, no whitespace. */
export function pathProblem(path: string): string | null {
  if (!path.startsWith('/')) return `"${path}" must start with "/" (e.g. /${path})`;
  if (/\s/.test(path)) return `"${path}" contains whitespace (percent-encode it, e.g. %20)`;
  return null;
}

/** `:method`: a non-empty RFC 9110 token (GET, POST, PURGE, …). */
export function methodProblem(method: string): string | null {
  if (method === '') return 'is empty';
  return TOKEN.test(method) ? null : `"${method}" is not an HTTP method (letters, digits and !#$%&'*+.^_\`|~-)`;
}
