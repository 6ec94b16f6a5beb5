/** Walking a VirtualService's destinations with their field paths (for lines). */
import type { RawObject } from '../../config/load/raw-object.ts';

export interface DestinationRef {
  /** The `destination` object (may be `{}` for `- {}`). */
  readonly destination: Record<string, any>;
  /** Path of the destination object, e.g. `spec.http[0].route[1].destination`. */
  readonly path: string;
  readonly section: 'http' | 'tcp' | 'tls';
  readonly ruleIndex: number;
  readonly kind: 'route' | 'mirror' | 'mirrors';
}

const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Record<string, any> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {});

/** Route destinations of tcp, tls and http rules (in that order, as Istio's analyzer walks them). */
export function routeDestinations(vs: RawObject): DestinationRef[] {
  const out: DestinationRef[] = [];
  for (const section of ['tcp', 'tls', 'http'] as const) {
    list(vs.spec[section]).forEach((rule, ri) => {
      list(obj(rule).route).forEach((r, i) => {
        out.push({ destination: obj(obj(r).destination), path: `spec.${section}[${ri}].route[${i}].destination`, section, ruleIndex: ri, kind: 'route' });
      });
    });
  }
  return out;
}

/** `http[].mirror` and `http[].mirrors[].destination`. */
export function mirrorDestinations(vs: RawObject): DestinationRef[] {
  const out: DestinationRef[] = [];
  list(vs.spec.http).forEach((rule, ri) => {
    const r = obj(rule);
    if (r.mirror && typeof r.mirror === 'object') out.push({ destination: obj(r.mirror), path: `spec.http[${ri}].mirror`, section: 'http', ruleIndex: ri, kind: 'mirror' });
    list(r.mirrors).forEach((m, i) => {
      out.push({ destination: obj(obj(m).destination), path: `spec.http[${ri}].mirrors[${i}].destination`, section: 'http', ruleIndex: ri, kind: 'mirrors' });
    });
  });
  return out;
}

export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export const asObject = obj;
export const asList = list;
