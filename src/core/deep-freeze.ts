/**
 * Freeze a value and everything reachable from it (shared constants and derived config are
 * immutable). A subtree that is already frozen is taken as already deep-frozen and not entered:
 * loaded config is frozen that way, and a frozen object may point at state that fills lazily
 * (a RawObject's source line map), which must stay writable.
 */
export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
