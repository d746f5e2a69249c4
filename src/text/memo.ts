/**
 * A memo of a pure function of a string for the last `max` strings it was asked about: the
 * analyses a turn asks for again and again (a reply's tokens, a player's line's pacing cues) are
 * computed once while the text stays in view. Values are shared between callers: read-only.
 */
export function boundedMemo<V>(max: number, compute: (s: string) => V): (s: string) => V {
  const cache = new Map<string, V>();
  return (s: string) => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    const v = compute(s);
    if (cache.size >= max) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(s, v);
    return v;
  };
}
