// An SSE event's data, checked against its schema before the dashboard believes it: a newer or broken
// service's payload is refused whole (the stream then starts over from a snapshot), never half-applied.
import { Value } from 'typebox/value';
import { SseEventSchemas, type SseEvents } from '../../shared/api-schema.js';

export function readSsePayload<K extends keyof SseEvents>(name: K, text: string): SseEvents[K] | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  return Value.Check(SseEventSchemas[name], data) ? (data as SseEvents[K]) : null;
}
