// Shared by VirtualService HTTP/TCP/TLS routes: gateway references and weighted destinations
// (Istio: validateGatewayNames, validateHTTPRouteDestinations / validateRouteDestinations).
import { Findings, child, asObject, isObject } from './findings.ts';
import { checkDestination } from './common.ts';
import { checkHeaderOps } from './header-operations.ts';
import { isDNS1123Label, wildcardDomainError } from './names.ts';

/** `validateGatewayNames`: `mesh`, `name`, `ns/name`, or the legacy `name.ns.svc.cluster.local`. */
export function checkGatewayName(f: Findings, path: string, name: string): void {
  if (name === 'mesh') return;
  const parts = name.split('/');
  if (parts.length > 2) { f.error(path, `config namespace and gateway name cannot have more than one / separator: "${name}"`); return; }
  if (parts.length === 2) {
    if (!isDNS1123Label(parts[0])) f.error(path, `invalid value for namespace: "${parts[0]}"`);
    const e = wildcardDomainError(parts[1]);
    if (e || parts[1].includes('*')) f.error(path, `invalid value for gateway name: "${parts[1]}"`);
    return;
  }
  const e = wildcardDomainError(name);
  if (e || name.includes('*')) f.error(path, `invalid value for gateway name: "${name}"`);
}

/** `validateRouteDestinations`: each destination valid, weights >= 0, some weight when several. */
export function checkWeightedDestinations(f: Findings, path: string, routes: unknown[]): void {
  let total = 0;
  routes.forEach((r, i) => {
    const p = child(path, i);
    const rr = asObject(r);
    if (!isObject(rr.destination)) f.error(p, 'destination is required');
    else checkDestination(f, child(p, 'destination'), rr.destination);
    if (isObject(rr.headers)) checkHeaderOps(f, child(p, 'headers'), rr.headers);
    if (typeof rr.weight === 'number') {
      if (rr.weight < 0) f.error(child(p, 'weight'), `weight ${rr.weight} < 0`);
      total += rr.weight;
    }
  });
  if (routes.length > 1 && total === 0) f.error(path, 'total destination weight = 0');
}
