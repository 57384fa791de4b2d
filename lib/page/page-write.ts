import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-code-names';
import type { InspectedWindow, PageFunction } from './inspected-window';

/**
 * What a page function that writes returns: `true` (or what it tells about the write, an object) once it wrote, or the
 * origin its document is on when that is not the origin it was given (it then wrote nothing). Each such function
 * (`writeSession`, `writeRawSlot`, `writePin`, `relabelPin`) compares `location.origin` with the origin it may write to,
 * first thing, in the same call as its write: a check by the browser's tab URL followed by a separate script is a race
 * a navigation can win.
 */
export type PageWrite<Wrote extends true | object = true> = Wrote | { refusedOn: string };

/**
 * Runs the page function `write` for `origin` (its first argument) and resolves, with what it told about the write,
 * once the page wrote. `ERR_PAGE_ORIGIN_CHANGED` when the page's document is on another origin by then: nothing was
 * written there.
 */
export async function writeInto<A extends unknown[], Wrote extends true | object = true>(
  inspected: InspectedWindow,
  origin: string,
  write: PageFunction<[string, ...A], PageWrite<Wrote>>,
  ...args: A
): Promise<Wrote> {
  const written: unknown = await inspected.run(write, origin, ...args);
  if (typeof written === 'object' && written !== null && 'refusedOn' in written && typeof written.refusedOn === 'string') {
    throw originChanged(origin, written.refusedOn);
  }
  if (written === true || (typeof written === 'object' && written !== null)) return written as Wrote;
  // Neither: a script that threw half way (Chrome then gives no result). No success can be reported for it.
  throw new CometChatException({
    code: ERROR_CODES.ERR_PAGE_SCRIPT,
    message: 'The page did not confirm the write: its script stopped before the end.',
    details: {},
  });
}

/** `ERR_PAGE_ORIGIN_CHANGED`: the tab is no longer on `expected` (it is on `now`, where known). */
export function originChanged(expected: string, now: string | null): CometChatException {
  return new CometChatException({
    code: ERROR_CODES.ERR_PAGE_ORIGIN_CHANGED,
    message: `The tab left ${expected}${now ? ` for ${now}` : ''}. Nothing was written.`,
    details: { expected, now },
  });
}
