// Which rows of a list to draw: those that meet the scroller's window (with a margin), and the space the
// rows above and below them take, so the list keeps its full height with only those rows in the page.

export interface RowsInView {
  /** The first row to draw. */
  first: number;
  /** One past the last row to draw. */
  end: number;
  /** Pixels taken by the rows above `first`. */
  before: number;
  /** Pixels taken by the rows from `end` on. */
  after: number;
}

/** `heights` are each row's height (its gap included); `top` and `height` are the window in list
 * coordinates; `margin` is drawn on both sides of it, so a short scroll shows rows already there. */
export function rowsInView(heights: readonly number[], top: number, height: number, margin: number): RowsInView {
  const from = top - margin;
  const to = top + height + margin;
  let y = 0;
  let i = 0;
  while (i < heights.length && y + heights[i]! <= from) y += heights[i++]!;
  const first = i;
  const before = y;
  while (i < heights.length && y < to) y += heights[i++]!;
  let after = 0;
  for (let j = i; j < heights.length; j++) after += heights[j]!;
  return { first, end: i, before, after };
}
