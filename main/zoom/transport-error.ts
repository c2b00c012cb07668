// Turns a failure below HTTP (timeout, refused, reset, DNS) into a ZoomError.
import { ZoomError } from './errors.js';

export function transportError(e: unknown, what: string, category: string | null): ZoomError {
  if (e instanceof ZoomError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ETIMEDOUT') {
    return new ZoomError('timeout', `${what} timed out: Zoom did not answer in time.`, { category });
  }
  const detail = code ?? (e instanceof Error ? e.message : String(e));
  return new ZoomError('network', `${what} failed: Zoom could not be reached (${detail}).`, { category });
}
