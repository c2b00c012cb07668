// The rows Live draws: exactly those meeting the window and its margin, against the plain way (each row's
// box, one by one), over random heights and windows; the space above and below adds up to the list's height.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { rowsInView } from '../../../renderer/src/rows-in-view.js';

test('rows in view: the rows whose box meets the window, and the space above and below them', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 300 }),
      fc.integer({ min: -500, max: 60_000 }),
      fc.integer({ min: 0, max: 2_000 }),
      fc.integer({ min: 0, max: 800 }),
      (heights, top, height, margin) => {
        const got = rowsInView(heights, top, height, margin);
        const from = top - margin;
        const to = top + height + margin;
        const meets: number[] = [];
        let y = 0;
        for (const [i, h] of heights.entries()) {
          if (y + h > from && y < to) meets.push(i);
          y += h;
        }
        const drawn = Array.from({ length: got.end - got.first }, (_, k) => got.first + k);
        assert.deepEqual(drawn, meets);
        const sum = (a: number, b: number) => heights.slice(a, b).reduce((s, h) => s + h, 0);
        assert.equal(got.before, sum(0, got.first));
        assert.equal(got.after, sum(got.end, heights.length));
      },
    ),
  );
});

test('rows in view: a list of 200 rows of 68 px, scrolled to the top of an 800 px window with 544 px of margin', () => {
  const heights = Array<number>(200).fill(68);
  assert.deepEqual(rowsInView(heights, 0, 800, 544), { first: 0, end: 20, before: 0, after: 180 * 68 });
  // Row 3 opened to 300 px, above the window: the rows drawn move down by the 232 px it grew (13 832 px in all).
  heights[3] = 300;
  assert.deepEqual(rowsInView(heights, 2_000, 800, 0), { first: 26, end: 38, before: 2_000, after: 13_832 - 2_816 });
});
