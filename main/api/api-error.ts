import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '../../shared/api-schema.js';
import type { ZoomError } from '../../shared/zoom-error.js';
import type { SessionError } from '../sync/errors.js';

/** Every error answer: a code for programs, a message for a person. */
export function apiError(code: string, message: string, extra: Omit<ErrorBody['error'], 'code' | 'message'> = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}

/** "No such session" (404) or "not live" (409) as an answer. */
export function sendSessionError(reply: FastifyReply, e: SessionError): FastifyReply {
  return reply.code(e.code === 'not-found' ? 404 : 409).send(apiError(e.code, e.message));
}

/** A Zoom failure as an answer: 429 with Retry-After when Zoom limits us, else `otherStatus` (502). */
export function sendZoomError(reply: FastifyReply, e: ZoomError, now: number, otherStatus = 502): FastifyReply {
  const zoomCode = e.zoomCode ?? undefined;
  if (e.kind === 'rate-limit') {
    const retryAt = e.retryAt ?? now + 60_000;
    reply.header('Retry-After', String(Math.max(1, Math.ceil((retryAt - now) / 1000))));
    return reply.code(429).send(apiError('zoom-rate-limited', e.message, { zoomCode, retryAt: new Date(retryAt).toISOString() }));
  }
  return reply.code(otherStatus).send(apiError(`zoom-${e.kind}`, e.message, { zoomCode }));
}
