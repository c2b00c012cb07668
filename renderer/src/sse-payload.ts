// An SSE event's data, checked against its schema before the dashboard believes it: a newer or broken
// service's payload is refused whole (the stream then starts over from a snapshot), never half-applied.
// The checks are TypeBox's, compiled ahead of time (scripts/sse-checks.mjs): the CSP allows no compiling here.
import type { SseEvents } from '../../shared/api-schema.js';
import { sseChecks } from './generated/sse-checks.js';

export function readSsePayload<K extends keyof SseEvents>(name: K, text: string): SseEvents[K] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  return sseChecks[name](data) === true ? (data as SseEvents[K]) : null;
}
