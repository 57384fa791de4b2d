import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { ROOT } from './paths';

/** Committed reference images, one folder per browser. */
const BASELINES = resolve(ROOT, 'test/e2e/baselines');
/** Where a failing comparison leaves `<screen>.actual.png` and `<screen>.diff.png`. */
const VISUAL_RESULTS = resolve(ROOT, 'test-results/visual');

/**
 * pixelmatch's per-pixel colour distance (0–1): 0.1 ignores anti-aliasing noise but not a changed colour or glyph.
 * Anti-aliased pixels are not counted at all (pixelmatch's default).
 */
const PIXEL_THRESHOLD = 0.1;
/**
 * Differing pixels a screen may have and still pass. Renders on one machine are pixel-identical run to run; one wrong
 * word or a control moved by a pixel is above this (the popup tiles painting their screen-reader words changed
 * about 40,000 pixels per screen).
 */
const MAX_DIFF_PIXELS = 25;

/** `UPDATE_BASELINES=1` rewrites the baselines from this run instead of comparing (see docs/testing.md, "Visual checks"). */
const UPDATING_BASELINES = process.env.UPDATE_BASELINES === '1';

/**
 * Compares a screenshot with its committed baseline (`test/e2e/baselines/<browser>/<screen>.png`). On a mismatch it
 * writes the actual and a diff image under test-results/visual and throws a message naming the screen and the count.
 */
export function expectScreenToMatchBaseline(browser: string, screen: string, png: Buffer): void {
  const baselinePath = resolve(BASELINES, browser, `${screen}.png`);
  if (UPDATING_BASELINES) {
    mkdirSync(resolve(BASELINES, browser), { recursive: true });
    writeFileSync(baselinePath, png);
    return;
  }
  const results = resolve(VISUAL_RESULTS, browser);
  const keep = (suffix: string, bytes: Buffer) => {
    mkdirSync(results, { recursive: true });
    const path = resolve(results, `${screen}.${suffix}.png`);
    writeFileSync(path, bytes);
    return path;
  };
  if (!existsSync(baselinePath)) {
    throw new Error(`Screen "${browser}/${screen}" has no baseline (${keep('actual', png)} written); make one with UPDATE_BASELINES=1.`);
  }
  const baseline = PNG.sync.read(readFileSync(baselinePath));
  const shot = PNG.sync.read(png);
  // A screen that grew or shrank is compared on the larger canvas: every pixel only one image has counts as changed.
  const width = Math.max(baseline.width, shot.width);
  const height = Math.max(baseline.height, shot.height);
  const diff = new PNG({ width, height });
  const differing = pixelmatch(onCanvas(baseline, width, height), onCanvas(shot, width, height), diff.data, width, height, {
    threshold: PIXEL_THRESHOLD,
  });
  const resized = baseline.width !== shot.width || baseline.height !== shot.height;
  if (differing > MAX_DIFF_PIXELS || resized) {
    const actualPath = keep('actual', png);
    const diffPath = keep('diff', PNG.sync.write(diff));
    const size = resized ? ` and its size went from ${baseline.width}×${baseline.height} to ${shot.width}×${shot.height} px` : '';
    throw new Error(
      `Screen "${browser}/${screen}" changed: ${differing} pixels differ (at most ${MAX_DIFF_PIXELS} allowed)${size}. See ${actualPath} and ${diffPath}.`,
    );
  }
}

/** The image's RGBA pixels placed top-left on a transparent canvas of the given size. */
function onCanvas(image: PNG, width: number, height: number): Uint8Array {
  if (image.width === width && image.height === height) return image.data;
  const canvas = new PNG({ width, height });
  PNG.bitblt(image, canvas, 0, 0, image.width, image.height, 0, 0);
  return canvas.data;
}
