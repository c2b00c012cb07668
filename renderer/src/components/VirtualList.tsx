// A list that renders only the rows in view: smooth with 10 000 sessions. It scrolls with the page (the
// nearest `.scroller` ancestor), so Live and Available read as one list with sticky section headers.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export function VirtualList<T>({ items, rowHeight, label, render }: { items: T[]; rowHeight: number; label: string; render: (item: T, style: string) => ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  // The part of the list inside the scroller's view, in list coordinates.
  const [view, setView] = useState({ top: 0, height: 800 });
  useLayoutEffect(() => {
    const el = ref.current;
    const scroller = el?.closest<HTMLElement>('.scroller');
    if (!el || !scroller) return;
    const measure = () => {
      const top = scroller.getBoundingClientRect().top - el.getBoundingClientRect().top;
      setView({ top: Math.max(0, top), height: scroller.clientHeight || 800 });
    };
    measure();
    scroller.addEventListener('scroll', measure, { passive: true });
    const ro = new ResizeObserver(measure);
    ro.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', measure);
      ro.disconnect();
    };
  }, []);
  const overscan = 8;
  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  const rows = [];
  for (let i = first; i < last; i++) rows.push(render(items[i]!, `position:absolute;top:${i * rowHeight}px;left:0;right:0;height:${rowHeight}px`));
  return (
    <div ref={ref} class="virtual" role="list" aria-label={label} style={`position:relative;height:${items.length * rowHeight}px`}>
      {rows}
    </div>
  );
}
