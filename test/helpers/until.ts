// Polls a condition until it holds (returning its value) or fails the test, naming what did not happen.
import assert from 'node:assert/strict';

type Maybe<T> = T | null | undefined | false;

export async function until<T>(what: string | (() => string), fn: () => Maybe<T> | Promise<Maybe<T>>, ms = 8_000, everyMs = 20): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - started > ms) assert.fail(`${typeof what === 'function' ? what() : what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
