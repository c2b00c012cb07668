// A list that renders only the rows in view: smooth with 10 000 sessions.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export function VirtualList<T>({ items, rowHeight, label, render }: { items: T[]; rowHeight: number; label: string; render: (item: T, style: string) => ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const overscan = 8;
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + overscan);
  const rows = [];
  for (let i = first; i < last; i++) rows.push(render(items[i]!, `position:absolute;top:${i * rowHeight}px;left:0;right:0;height:${rowHeight}px`));
  return (
    <div ref={ref} class="virtual" role="list" aria-label={label} tabIndex={-1} onScroll={(e) => setTop((e.currentTarget as HTMLElement).scrollTop)}>
      <div style={`position:relative;height:${items.length * rowHeight}px`}>{rows}</div>
    </div>
  );
}
