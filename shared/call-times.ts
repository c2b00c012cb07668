// Times of calls made to Zoom, as kept by the call budget and its ledger. Pure.

/** The union of two lists of times as multisets, sorted. Pure. */
export function unionOf(a: readonly number[], b: readonly number[]): number[] {
  const count = (xs: readonly number[]) => xs.reduce((m, t) => m.set(t, (m.get(t) ?? 0) + 1), new Map<number, number>());
  const ca = count(a);
  const cb = count(b);
  const out: number[] = [];
  for (const t of new Set([...ca.keys(), ...cb.keys()])) for (let i = Math.max(ca.get(t) ?? 0, cb.get(t) ?? 0); i > 0; i--) out.push(t);
  return out.sort((x, y) => x - y);
}
