/**
 * Field-level differences between two proto-JSON values. Arrays of objects are matched by a stable
 * key when every element has one (`name`, `cluster_name`, an endpoint's address) so a reordered or
 * inserted element reads as one change, not a cascade; otherwise by index.
 */
export interface FieldChange {
  /** Path segments: `field`, `[key]` or `[index]`. */
  readonly path: readonly string[];
  readonly old?: unknown;
  readonly new?: unknown;
}

type J = any;

const isObj = (v: unknown): v is Record<string, J> => !!v && typeof v === 'object' && !Array.isArray(v);

function elementKey(v: J): string | undefined {
  if (!isObj(v)) return undefined;
  if (typeof v.name === 'string' && v.name !== '') return v.name;
  if (typeof v.cluster_name === 'string') return v.cluster_name;
  const sa = v.endpoint?.address?.socket_address;
  if (sa) return `${sa.address}:${sa.port_value ?? 0}`;
  return undefined;
}

function keysOf(arr: J[]): string[] | undefined {
  const keys = arr.map(elementKey);
  if (keys.some((k) => k === undefined)) return undefined;
  return new Set(keys).size === keys.length ? (keys as string[]) : undefined;
}

export function deepDiff(a: J, b: J, path: string[] = [], out: FieldChange[] = []): FieldChange[] {
  if (a === b) return out;
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(a, b, path, out);
  if (isObj(a) && isObj(b)) {
    for (const k of Object.keys(a)) {
      path.push(k);
      if (!(k in b)) out.push({ path: [...path], old: a[k] });
      else deepDiff(a[k], b[k], path, out);
      path.pop();
    }
    for (const k of Object.keys(b)) if (!(k in a)) out.push({ path: [...path, k], new: b[k] });
    return out;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: [...path], old: a, new: b });
  return out;
}

function diffArrays(a: J[], b: J[], path: string[], out: FieldChange[]): FieldChange[] {
  const ka = keysOf(a), kb = keysOf(b);
  if (ka && kb) {
    const bi = new Map(kb.map((k, i) => [k, i]));
    const ai = new Map(ka.map((k, i) => [k, i]));
    ka.forEach((k, i) => {
      const j = bi.get(k);
      path.push(`[${k}]`);
      if (j === undefined) out.push({ path: [...path], old: a[i] });
      else deepDiff(a[i], b[j], path, out);
      path.pop();
    });
    kb.forEach((k, j) => { if (!ai.has(k)) out.push({ path: [...path, `[${k}]`], new: b[j] }); });
    const common = ka.filter((k) => bi.has(k)), commonB = kb.filter((k) => ai.has(k));
    if (common.some((k, i) => k !== commonB[i])) out.push({ path: [...path, '(order)'], old: common, new: commonB });
    return out;
  }
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    path.push(`[${i}]`);
    if (i >= b.length) out.push({ path: [...path], old: a[i] });
    else if (i >= a.length) out.push({ path: [...path], new: b[i] });
    else deepDiff(a[i], b[i], path, out);
    path.pop();
  }
  return out;
}

export function renderPath(path: readonly string[]): string {
  return path.map((s, i) => (s.startsWith('[') || i === 0 ? s : `.${s}`)).join('');
}
