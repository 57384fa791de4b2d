import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface VirtualListProps<T> {
  items: readonly T[];
  /** Fixed for every row; a function of the list's width lets rows grow taller (wrap) in a narrow list. */
  rowHeight: number | ((listWidth: number) => number);
  /** Rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
  overscan?: number;
  label: string;
  renderRow: (item: T, index: number) => ComponentChildren;
  rowKey: (item: T) => string | number;
  /** Content shown directly below the row with this key (an opened row's details); the rows after it move down. */
  expanded?: { key: string | number; content: ComponentChildren } | null;
}

/**
 * Renders only the rows in view (fixed row height), so a 10,000-event log costs what 30 rows cost.
 * The list is one keyboard stop; arrow and page keys scroll it. One row may be expanded: its content, measured as it
 * renders, sits under the row and pushes the rest down.
 */
export function VirtualList<T>({ items, rowHeight: rowHeightOf, overscan = 8, label, renderRow, rowKey, expanded }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [width, setWidth] = useState(0);
  const [expandedHeight, setExpandedHeight] = useState(0);
  const expandedBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => {
      setHeight(element.clientHeight);
      setWidth(element.clientWidth);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  }, []);

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
  // taller than the list starts at the row). Only once per opened row, so a tester who scrolls away is not pulled back
  // by each new event.
  const scrolledToKeyRef = useRef<string | number | null>(null);
  const expandedKey = expanded?.key ?? null;
  useEffect(() => {
    const list = viewport.current;
    const content = expandedBox.current;
    if (!list || !content || expandedIndex < 0 || scrolledToKeyRef.current === expandedKey) return;
    scrolledToKeyRef.current = expandedKey;
    const rowTop = expandedIndex * rowHeight;
    const bottom = rowTop + rowHeight + content.offsetHeight;
    if (rowTop < list.scrollTop) list.scrollTo({ top: rowTop });
    else if (bottom > list.scrollTop + list.clientHeight) list.scrollTo({ top: Math.min(rowTop, bottom - list.clientHeight) });
  }, [expandedKey, expandedIndex, rowHeight]);

  const extra = expandedIndex >= 0 ? expandedHeight : 0;
  // Rows after the expanded one sit `extra` lower: find the first and last in view on either side of it.
  const indexAt = (offset: number) => {
    const plain = Math.floor(offset / rowHeight);
    if (expandedIndex < 0 || plain <= expandedIndex) return plain;
    return Math.max(expandedIndex, Math.floor((offset - extra) / rowHeight));
  };
  const topOf = (index: number) => index * rowHeight + (expandedIndex >= 0 && index > expandedIndex ? extra : 0);
  const first = Math.max(0, indexAt(scrollTop) - overscan);
  const last = Math.min(items.length, indexAt(scrollTop + height) + 1 + overscan);
  const rows = [];
  for (let index = first; index < last; index++) {
    const item = items[index]!;
    rows.push(
      <div key={rowKey(item)} role="listitem" class="virtual-row" style={{ top: `${topOf(index)}px`, height: `${rowHeight}px` }}>
        {renderRow(item, index)}
      </div>,
    );
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
      <div class="virtual-spacer" style={{ height: `${items.length * rowHeight + extra}px` }}>
        {rows}
        {expanded && expandedIndex >= 0 && (
          // Always rendered (not virtualised away): its height decides where the following rows sit.
          <div ref={expandedBox} role="listitem" class="virtual-expanded" style={{ top: `${(expandedIndex + 1) * rowHeight}px` }}>
            {expanded.content}
          </div>
        )}
      </div>
    </div>
  );
}
