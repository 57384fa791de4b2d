import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-code-names';
import { maskSecret } from '../mask';
import { EXTENSION_KEY_PREFIX } from './reports';
import type { InspectedWindow } from './inspected-window';
import { readSessions, shownInspection } from './page-storage';
import type { PageInspection } from './page-types';
import { readWhenSettled } from './page-switcher';

/**
 * What the panel shows of a page it reads itself, through DevTools (a site the tester has not allowed, where no
 * extension script runs). The origin is the browser's ({@link InspectedWindow.origin}), never the page's answer: a
 * page may replace every global a page function uses, so what the function returns is only the page's word, checked
 * and bounded by {@link shownInspection} like anything a page stores. Waits for a page between two documents.
 */
export function readInspectedPage(inspected: InspectedWindow, settle?: Parameters<typeof readWhenSettled>[1]): Promise<PageInspection> {
  return readWhenSettled(async () => {
    const origin = await inspected.origin();
    const read = await inspected.run(readSessions, EXTENSION_KEY_PREFIX);
    // A navigation between the reads: the sessions may be another document's. Read again once it has settled.
    if ((await inspected.origin()) !== origin) {
      throw new CometChatException({ code: ERROR_CODES.ERR_PAGE_SCRIPT, message: 'The page navigated while it was read.', details: {} });
    }
    return shownInspection({ ...read, origin }, maskSecret);
  }, settle);
}
