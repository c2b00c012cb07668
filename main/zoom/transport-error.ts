// Turns a failure below HTTP (timeout, refused, reset, DNS) into a ZoomError.
import { isAxiosError } from 'axios';
import { ZoomError } from './errors.js';

export function transportError(e: unknown, what: string, category: string | null): ZoomError {
  if (e instanceof ZoomError) return e;
  const code = isAxiosError(e) ? e.code : (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
    return new ZoomError('timeout', `${what} timed out: Zoom did not answer in time.`, { category });
  }
  const detail = code ?? (e instanceof Error ? e.message : String(e));
  return new ZoomError('network', `${what} failed: Zoom could not be reached (${detail}).`, { category });
}
