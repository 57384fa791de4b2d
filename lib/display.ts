/** Small display helpers shared by the popup and the panel. */
import { keptOrMade } from './kept';
import type { Words } from './words';

/** "Nancy Grace" → "NG"; falls back to the uid's first letters. */
export function initialsOf(name: string | undefined, uid: string): string {
  const words = (name || uid)
    .trim()
    .split(/[\s_-]+/)
    .filter(Boolean);
  const [first = '?', second] = words;
  const letters = second ? first.charAt(0) + second.charAt(0) : first.slice(0, 2);
  return letters.toUpperCase();
}

/** How many results a remembered helper keeps before it starts again: a panel open for hours meets many. */
const KEPT_RESULTS = 1000;

/**
 * `compute`, each result kept by its argument for the page's life (up to `KEPT_RESULTS`, then started again): for a pure
 * helper a view calls for every user on every render. Parsing an avatar's address and formatting a date took ~0.7 ms
 * of a held switch's renders in the popup and the panel together, by a profile (their six avatars, their dates), each
 * time for the same few values.
 */
function remembered<Key, Value>(compute: (key: Key) => Value): (key: Key) => Value {
  const kept = new Map<Key, Value>();
  return (key) => keptOrMade(kept, KEPT_RESULTS, key, () => compute(key));
}

/** Only http(s) URLs may become an image source; anything else (javascript:, data:) is dropped. */
export function safeImageUrl(url: unknown): string | undefined {
  return typeof url === 'string' ? imageUrl(url) : undefined;
}

const imageUrl = remembered((url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
});

/**
 * The tester's locale and zone as formatters, each made once on first use: `toLocaleTimeString` and `toLocaleString`
 * with options make a new formatter on every call (about 0.3 ms each, most of a timeline row's first render).
 */
let clockFormat: Intl.DateTimeFormat | undefined;
let dateAndClockFormat: Intl.DateTimeFormat | undefined;
/** What `toLocaleTimeString(undefined, { hour12: false })` shows, e.g. "14:03:07". */
const clock = () => (clockFormat ??= new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false }));
/** "Nov 14, 2023, 22:13:20" in English. */
const dateAndClock = () => (dateAndClockFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium', hour12: false }));

/**
 * Makes the formatters now (the first costs most: it loads the locale's data), for a view to call while it waits for
 * the background's first answers, when its main thread has nothing else to do, rather than in its first render. A
 * view names those its first render uses: each is ~0.5 ms of a main thread the answers may already wait for.
 */
export function prepareFormats(which: ReadonlyArray<'clock' | 'date'> = ['clock', 'date']): void {
  if (which.includes('clock')) clock();
  if (which.includes('date')) dateAndClock();
}

/** "14:03:07" in the tester's locale, for event timelines. */
export function formatTime(at: number): string {
  return clock().format(at);
}

/** "14:03:07.042": the clock time to the millisecond, for timeline rows (events of one second are told apart). */
export function formatTimeMs(at: number): string {
  return `${formatTime(at)}.${String(new Date(at).getMilliseconds()).padStart(3, '0')}`;
}

/** User fields CometChat sends as epoch seconds (protocol doc: `lastActiveAt`, `createdAt`, …). */
const EPOCH_SECONDS_FIELDS: ReadonlySet<string> = new Set(['lastActiveAt', 'createdAt', 'updatedAt', 'deactivatedAt']);

/**
 * Epoch seconds as a readable date and time in the tester's locale and zone, e.g. "Nov 14, 2023, 22:13:20";
 * 0 (CometChat's "never active") reads `never`, the view's word. Anything that is not a finite number comes back as text.
 */
export function formatEpochSeconds(seconds: unknown, never: string): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return String(seconds);
  if (seconds === 0) return never;
  return dateAndClockOfSeconds(seconds);
}

/** The formatter is the page's for its life (its locale and zone), so each date's text is too. */
const dateAndClockOfSeconds = remembered((seconds: number) => dateAndClock().format(seconds * 1000));

/** One User field as a tester reads it: `text` to show; for a date, its `dateTime` (ISO) and `raw` value for a hover. */
export interface FieldDisplay {
  text: string;
  raw?: string;
  dateTime?: string;
}

/**
 * A User field as text: epoch-second dates readable (the number CometChat sent kept as `raw`; 0 reads `never`, the
 * view's word), text as it is, anything else (tags, metadata) as one line of JSON. Shown as text, never markup.
 */
export function userFieldDisplay(field: string, value: unknown, never: string): FieldDisplay {
  if (EPOCH_SECONDS_FIELDS.has(field) && typeof value === 'number' && Number.isFinite(value)) {
    const dateTime = value > 0 ? new Date(value * 1000).toISOString() : undefined;
    return { text: formatEpochSeconds(value, never), raw: String(value), ...(dateTime ? { dateTime } : {}) };
  }
  return { text: typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)) };
}

/** Milliseconds since the epoch as a full date and time with milliseconds, for an event's details. */
export function formatDateTime(at: number): string {
  return `${dateAndClock().format(at)}.${String(new Date(at).getMilliseconds()).padStart(3, '0')}`;
}

/**
 * The page's SDK as the live strip says it, in `words`: "SDK javascript@4.2.0", "(bundled)" when the app keeps it to
 * itself (no global); before the SDK's first request there is no version to show, and the words say when one will come.
 */
export function sdkVersionText(sdkVersion: string | null | undefined, hasGlobalSdk: boolean, words: Words): string {
  if (!sdkVersion) return words('sdkVersionUnknown');
  return words(hasGlobalSdk ? 'sdkVersion' : 'sdkVersionBundled', sdkVersion);
}
