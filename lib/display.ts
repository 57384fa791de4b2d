/** Small display helpers shared by the popup and the panel. */

/** "Nancy Grace" → "NG"; falls back to the uid's first letters. */
export function initialsOf(name: string | undefined, uid: string): string {
  const words = (name || uid).trim().split(/[\s_-]+/).filter(Boolean);
  const [first = '?', second] = words;
  const letters = second ? first.charAt(0) + second.charAt(0) : first.slice(0, 2);
  return letters.toUpperCase();
}

/** Only http(s) URLs may become an image source; anything else (javascript:, data:) is dropped. */
export function safeImageUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** "14:03:07" in the tester's locale, for event timelines. */
export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour12: false });
}
