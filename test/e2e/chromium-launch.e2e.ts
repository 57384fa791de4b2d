import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';

/**
 * What the suite's Chromium starts besides the extension. Launches are a large share of the suite's CPU, so one that
 * starts a page nobody uses costs every scenario (see `LOCAL_STATE` in support/chromium.ts).
 */
describe('the test Chromium', () => {
  let browser: ChromiumWithExtension;

  beforeAll(async () => {
    browser = await launchChromiumWithExtension();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("should start no WebUI of its own beside the extension: the address bar's suggestion popup stays unloaded", async () => {
    const { targetInfos } = (await browser.cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };

    expect(targetInfos.filter((target) => target.url.startsWith('chrome://')).map((target) => target.url)).toEqual([]);
    expect(targetInfos.map((target) => target.type).sort()).toEqual(['page', 'service_worker']);
  });
});
