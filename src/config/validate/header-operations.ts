// Header manipulation (`headers.request/response.set/add/remove`) on HTTP routes and route destinations
// (Istio: ValidateHTTPHeaderOperationName, ValidateHTTPHeaderWithAuthorityOperationName).
import { Findings, child, asArray, asObject } from './findings.ts';
import { headerNameError } from './names.ts';

export function checkHeaderOps(f: Findings, path: string, headers: unknown): void {
  for (const dir of ['request', 'response'] as const) {
    const ops = asObject(asObject(headers)[dir]);
    for (const op of ['set', 'add'] as const) {
      for (const name of Object.keys(asObject(ops[op]))) checkOpHeader(f, child(child(child(path, dir), op), name), name, dir === 'request');
    }
    asArray(ops.remove).forEach((name, i) => { if (typeof name === 'string') checkOpHeader(f, child(child(child(path, dir), 'remove'), i), name, false); });
  }
}

/** `ValidateHTTPHeaderOperationName` (+ `WithAuthority` for request set/add): no pseudo headers except :authority/host. */
function checkOpHeader(f: Findings, path: string, name: string, allowAuthority: boolean): void {
  const lower = name.toLowerCase();
  if (allowAuthority && (lower === ':authority' || lower === 'host')) return;
  if (name.startsWith(':') || lower === 'host') { f.error(path, `invalid header "${name}": header cannot have ":" prefix and cannot be host`); return; }
  const e = headerNameError(name);
  if (e) f.error(path, e);
}
