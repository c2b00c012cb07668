// Zoom's Retry-After comes as seconds, as an HTTP date, or as an ISO date (daily limits), or not at all.

/** Milliseconds to wait, never negative; null when the header is absent or unreadable. */
export function parseRetryAfter(header: string | undefined | null, nowMs: number): number | null {
  if (header == null) return null;
  const value = header.trim();
  if (value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
