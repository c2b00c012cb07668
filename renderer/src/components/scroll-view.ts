// The part of a list the page's scroller shows, in the list's own coordinates: what the virtual lists draw.
// Live and Available scroll with the page (the nearest `.scroller` ancestor), under sticky section headers.
import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

export interface ScrollView {
  top: number;
  height: number;
}

export function useScrollView(ref: RefObject<HTMLElement | null>): ScrollView {
  const [view, setView] = useState<ScrollView>({ top: 0, height: 800 });
  useLayoutEffect(() => {
    const el = ref.current;
    const scroller = el?.closest<HTMLElement>('.scroller');
    if (!el || !scroller) return;
    const measure = () => {
      const top = Math.max(0, scroller.getBoundingClientRect().top - el.getBoundingClientRect().top);
      const height = scroller.clientHeight || 800;
      // The same view is the same object: a scroll that does not move this list draws nothing again.
      setView((was) => (was.top === top && was.height === height ? was : { top, height }));
    };
    measure();
    scroller.addEventListener('scroll', measure, { passive: true });
    const ro = new ResizeObserver(measure);
    ro.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', measure);
      ro.disconnect();
    };
  }, [ref]);
  return view;
}
