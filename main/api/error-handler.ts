// Every failure answers the same JSON shape: malformed requests 4xx with what is wrong, a full or missing
// store 507/503 (logged once per episode), anything else 500 with nothing leaked.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { StoreError } from '../store/session-store.js';
import { apiError } from './api-error.js';
import type { ApiAuth } from './auth.js';

export const BODY_LIMIT = 16 * 1024;

const notFound = (req: FastifyRequest, reply: FastifyReply) => reply.code(404).send(apiError('not-found', `Nothing at ${req.method} ${req.url.split('?')[0]}.`));

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): void {
  void notFound(req, reply);
}

/** A full or unwritable disk (or a database away) is one line in the log per episode, not a stack per request. */
function storeErrors(auth: ApiAuth) {
  let trouble: string | null = null;
  auth.onStoreHealth((ok) => void (ok && (trouble = null)));
  return (reply: FastifyReply, e: StoreError) => {
    if (trouble !== e.code) process.stderr.write(`api: ${e.message}\n`);
    trouble = e.code;
    const full = e.code === 'full';
    const message = full ? 'The disk holding the data dir is full: free some space, then try again. Nothing was changed.' : `${e.message} Nothing was changed.`;
    return reply.code(full ? 507 : 503).send(apiError(full ? 'disk-full' : 'store-unavailable', message));
  };
}

function clientErrorCode(err: FastifyError, status: number): string {
  if (err.validation) return 'invalid-request';
  if (status === 413) return 'body-too-large';
  if (status === 415) return 'unsupported-media-type';
  return err.code === 'invalid-json' ? 'invalid-json' : 'bad-request';
}

export function errorHandler(auth: ApiAuth) {
  const sendStoreError = storeErrors(auth);
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof StoreError) return sendStoreError(reply, err);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      process.stderr.write(`api: ${err.stack ?? err.message}\n`);
      return reply.code(500).send(apiError('internal', 'Something went wrong on our side; the sessions are unchanged.'));
    }
    if (err.validation && err.validationContext === 'params') {
      // `/sessions/` names no meeting: nothing is there.
      if (Object.values(req.params as object).some((v) => v === '')) return notFound(req, reply);
      return reply.code(400).send(apiError('invalid-meeting-id', 'A meeting ID is digits only, like 81234567890.'));
    }
    const message = status === 413 ? `The request body is larger than ${BODY_LIMIT / 1024} KB.` : err.message;
    return reply.code(status).send(apiError(clientErrorCode(err, status), message));
  };
}
