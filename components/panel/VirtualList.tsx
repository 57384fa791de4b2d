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
}

/**
 * Renders only the rows in view (fixed row height), so a 10,000-event log costs what 30 rows cost.
 * The list is one keyboard stop; arrow and page keys scroll it.
 */
export function VirtualList<T>({ items, rowHeight: rowHeightOf, overscan = 8, label, renderRow, rowKey }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [width, setWidth] = useState(0);

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
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows = [];
  for (let index = first; index < last; index++) {
    const item = items[index]!;
    rows.push(
      <div key={rowKey(item)} role="listitem" class="virtual-row" style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}>
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
      <div class="virtual-spacer" style={{ height: `${items.length * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
