// The benchmarks' percentiles (bench/quantile.ts): nearest rank, so a p99 of 100 samples is not their max.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quantile } from '../../../bench/quantile.js';

test('nearest rank: p99 of 1..100 is 99, p50 is 50; p0 and p1 are the ends; order and non-numbers do not matter', () => {
  const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(quantile(xs, 0.99), 99);
  assert.equal(quantile(xs, 0.5), 50);
  assert.equal(quantile(xs, 1), 100);
  assert.equal(quantile(xs, 0), 1);
  assert.equal(quantile([3, Number.NaN, 1, Infinity, 2], 0.5), 2);
  assert.equal(quantile([7], 0.99), 7);
});
