import type { NormalizedRequest } from './types.ts';
import type { CompiledRoute, RouteTable } from './route-match.ts';
import { provenanceName } from './provenance.ts';

const MAX_LINES = 12;

export function routeLabel(r: CompiledRoute): string {
  const vs = provenanceName(r.route);
  return `route ${r.name ? `\`${r.name}\`` : `#${r.index}`} (${r.text}${vs && !r.name ? `; VirtualService ${vs}` : ''})`;
}

/**
 * Why the routes before the winner were skipped, and which later routes would also have matched but are
 * never reached (Envoy takes the first match): "route `all-cart` (prefix /cart) matched first; route
 * `checkout` (prefix /cart/checkout) never reached". Linear: used for explanations, not for matching.
 */
export function explainRoutes(table: RouteTable, req: NormalizedRequest, winner: number): string[] {
  const lines: string[] = [];
  const cands = table.candidates(req.pathOnly);
  const end = winner < 0 ? table.routes.length : winner;
  let listed = 0, more = 0;
  for (const i of cands) {
    if (i >= end) break;
    const why = table.routes[i].mismatch(req);
    if (why === null) continue;
    if (listed < MAX_LINES) { lines.push(`skipped ${routeLabel(table.routes[i])}: ${why}`); listed++; } else more++;
  }
  if (more) lines.push(`… ${more} more routes skipped`);
  const others = end - cands.filter((i) => i < end).length;
  if (others) lines.push(`${others} ${winner < 0 ? '' : 'earlier '}route${others === 1 ? '' : 's'} skipped: path ${req.pathOnly} cannot match ${others === 1 ? 'its' : 'their'} path matcher`);
  if (winner < 0) return lines;
  const w = table.routes[winner];
  const shadowed: string[] = [];
  for (const i of cands) if (i > winner && table.routes[i].matches(req)) shadowed.push(routeLabel(table.routes[i]));
  if (shadowed.length) {
    lines.push(`${routeLabel(w)} matched first; ${shadowed.slice(0, MAX_LINES).join(', ')} ${shadowed.length === 1 ? 'also matches but is' : 'also match but are'} never reached${shadowed.length > MAX_LINES ? ` (+${shadowed.length - MAX_LINES} more)` : ''}`);
  }
  return lines;
}
