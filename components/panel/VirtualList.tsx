import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface VirtualListProps<T> {
  items: readonly T[];
  /**
   * The rows' height in px, as the list's CSS gives it (`--row-height` on `.virtual-spacer`, which may change with the
   * list's width by a container query): a function of the list's width lets rows grow taller (wrap) in a narrow list,
   * never shorter. The CSS places the rows; this only picks which ones to render.
   */
  rowHeight: number | ((listWidth: number) => number);
  /** Rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
  overscan?: number;
  label: string;
  renderRow: (item: T, index: number) => ComponentChildren;
  rowKey: (item: T) => string | number;
  /** Content shown directly below the row with this key (an opened row's details); the rows after it move down. */
  expanded?: { key: string | number; content: ComponentChildren } | null;
}

/** The key of the gap the expanded row's content sits over (the rows' keys are the items'). */
const GAP_KEY = '\u0000expanded';

/**
 * Renders only the rows in view (fixed row height), so a 10,000-event log costs what 30 rows cost.
 * The list is one keyboard stop; arrow and page keys scroll it. One row may be expanded: its content, measured as it
 * renders, sits under the row and pushes the rest down.
 *
 * The list is measured after its first paint (measured before it, its width read would force the page's first layout
 * in the render). So the CSS places the rows (the first at `calc(first × --row-height)`, the rest after it), and the
 * first render fills the window, the most the list can show, with rows at the height a list that wide has: the first
 * frame shows the rows where they stay (placed with a guessed height, a wide list's first frame had its one-line rows
 * 44 px apart, then 26).
 */
export function VirtualList<T>({ items, rowHeight: rowHeightOf, overscan = 8, label, renderRow, rowKey, expanded }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  /** The list's size once measured; until then, none: the window's stands in for it. */
  const [size, setSize] = useState<{ height: number; width: number } | null>(null);
  const [expandedHeight, setExpandedHeight] = useState(0);
  const expandedBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => setSize({ height: element.clientHeight, width: element.clientWidth });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  }, []);

  // Unmeasured, the list is no larger than the window: its rows are no shorter than a list as wide as the window has
  // (rows never shrink as a list narrows), so the window's size renders every row the list can show, or more.
  const { height, width } = size ?? { height: window.innerHeight, width: window.innerWidth };
  const rowHeight = typeof rowHeightOf === 'function' ? rowHeightOf(width) : rowHeightOf;
  const expandedIndex = expanded ? items.findIndex((item) => rowKey(item) === expanded.key) : -1;
  useEffect(() => {
    const element = expandedBox.current;
    if (!element) {
      setExpandedHeight(0);
      return;
    }
    const observer = new ResizeObserver(() => setExpandedHeight(element.offsetHeight));
    observer.observe(element);
    setExpandedHeight(element.offsetHeight);
    return () => observer.disconnect();
  }, [expandedIndex, expanded?.key]);

  // A row just opened: scroll so that the row and as much of its content as fits are in view, the row first (content
  // taller than the list starts at the row). Again when the content's height changes (its code or its tab arrived after
  // the click: placed for a one-line "Loading…", the row's details ran off the list's foot) while the list is still
  // where it was put. Not after the tester scrolled, so a tester who scrolls away is not pulled back by each new event.
  const placedRef = useRef<{ key: string | number; height: number; scrollTop: number } | null>(null);
  const expandedKey = expanded?.key ?? null;
  useEffect(() => {
    const list = viewport.current;
    const content = expandedBox.current;
    if (expandedKey === null) {
      placedRef.current = null;
      return;
    }
    if (!list || !content || expandedIndex < 0) return;
    const last = placedRef.current;
    if (last?.key === expandedKey && (last.height === expandedHeight || last.scrollTop !== list.scrollTop)) return;
    const rowTop = expandedIndex * rowHeight;
    const bottom = rowTop + rowHeight + content.offsetHeight;
    if (rowTop < list.scrollTop) list.scrollTo({ top: rowTop });
    else if (bottom > list.scrollTop + list.clientHeight) list.scrollTo({ top: Math.min(rowTop, bottom - list.clientHeight) });
    placedRef.current = { key: expandedKey, height: expandedHeight, scrollTop: list.scrollTop };
  }, [expandedKey, expandedIndex, expandedHeight, rowHeight]);

  const extra = expandedIndex >= 0 ? expandedHeight : 0;
  // Rows after the expanded one sit `extra` lower: find the first and last in view on either side of it.
  const indexAt = (offset: number) => {
    const plain = Math.floor(offset / rowHeight);
    if (expandedIndex < 0 || plain <= expandedIndex) return plain;
    return Math.max(expandedIndex, Math.floor((offset - extra) / rowHeight));
  };
  // No overscan before the list is measured: nothing scrolls before then.
  const margin = size ? overscan : 0;
  const first = Math.max(0, indexAt(scrollTop) - margin);
  const last = Math.min(items.length, indexAt(scrollTop + height) + 1 + margin);
  // The rows in view follow one another from the first one's place (rows after the expanded one sit `extra` lower,
  // below a gap as tall as its content), so a new row at the top moves no other row's style: only the window's place
  // is the CSS's (`calc(first × --row-height)`). Each row placed on its own took a style change for every row in view
  // at each live event of a newest-first timeline.
  const windowTop = `calc(${first} * var(--row-height) + ${expandedIndex >= 0 && first > expandedIndex ? extra : 0}px)`;
  const rows = [];
  for (let index = first; index < last; index++) {
    const item = items[index]!;
    rows.push(
      <div key={rowKey(item)} role="listitem" class="virtual-row">
        {renderRow(item, index)}
      </div>,
    );
    if (index === expandedIndex) rows.push(<div key={GAP_KEY} class="virtual-gap" style={{ height: `${extra}px` }} />);
  }

  return (
    <div
      ref={viewport}
      class="virtual-viewport"
      role="list"
      aria-label={label}
      tabIndex={0}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div class="virtual-spacer" style={{ height: `calc(${items.length} * var(--row-height) + ${extra}px)` }}>
        <div class="virtual-window" style={{ top: windowTop }}>
          {rows}
        </div>
        {expanded && expandedIndex >= 0 && (
          // Always rendered (not virtualised away): its height decides where the following rows sit.
          <div ref={expandedBox} role="listitem" class="virtual-expanded" style={{ top: `calc(${expandedIndex + 1} * var(--row-height))` }}>
            {expanded.content}
          </div>
        )}
      </div>
    </div>
  );
}
