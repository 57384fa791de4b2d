/** What `findPaintedHiddenText` found: how many visually-hidden elements there are, and the ones a person can see. */
export interface HiddenTextReport {
  hidden: number;
  /** Each painted one as `"its words" (W×H px)`. */
  painted: string[];
}

/**
 * Runs in the page (pass it to `page.evaluate`; it uses nothing from outside): every `.sr-only` element must be a
 * box of at most 1×1 px that clips its content, or its words are painted on screen for everyone to read.
 */
export function findPaintedHiddenText(): HiddenTextReport {
  const elements = [...document.querySelectorAll<HTMLElement>('.sr-only')];
  const painted = elements.flatMap((element) => {
    const box = element.getBoundingClientRect();
    const clipped = getComputedStyle(element).overflow === 'hidden';
    return box.width <= 1 && box.height <= 1 && clipped ? [] : [`"${element.textContent}" (${Math.round(box.width)}×${Math.round(box.height)} px)`];
  });
  return { hidden: elements.length, painted };
}
