/**
 * The value kept in `kept` for `key`, made by `compute` the first time it is asked for; once `kept` holds `limit` values
 * it starts again, so a view open for hours (its names, times and addresses) does not grow without bound. For pure
 * work a view does on every render for the same few values.
 */
export function keptOrMade<Key, Value>(kept: Map<Key, Value>, limit: number, key: Key, compute: () => Value): Value {
  if (kept.has(key)) return kept.get(key)!;
  if (kept.size >= limit) kept.clear();
  const value = compute();
  kept.set(key, value);
  return value;
}
