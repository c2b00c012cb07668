// Zoom webhooks, for the headless service behind a public URL: verify `x-zm-signature` over the raw
// body and its timestamp, refuse replays older than 5 minutes, answer `endpoint.url_validation`, and
// hand meeting events on without waiting for them (Zoom wants an answer within 3 s).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseZoomEvent, type MeetingEvent, type ZoomEventBody } from './zoom-event.js';

export const WEBHOOK_MAX_AGE_MS = 5 * 60_000;

export type WebhookVerdict = { ok: true } | { ok: false; reason: string };

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

export function verifyWebhook(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: string, now: number): WebhookVerdict {
  if (!timestamp || !signature) return { ok: false, reason: 'missing x-zm-signature or x-zm-request-timestamp' };
  const seconds = Number(timestamp);
  if (!/^\d{1,13}$/.test(timestamp) || !Number.isFinite(seconds)) return { ok: false, reason: 'bad x-zm-request-timestamp' };
  // Zoom's timestamp is in seconds; a few senders use ms: accept both.
  const ms = seconds > 1e11 ? seconds : seconds * 1000;
  if (Math.abs(now - ms) > WEBHOOK_MAX_AGE_MS) return { ok: false, reason: 'timestamp older than 5 minutes (replay?)' };
  const expected = Buffer.from(`v0=${hmac(secret, `v0:${timestamp}:${rawBody}`)}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true };
}

export function urlValidationAnswer(secret: string, plainToken: string): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: hmac(secret, plainToken) };
}

export interface WebhookAnswer {
  status: number;
  body: unknown;
}

export class WebhookReceiver {
  constructor(
    private readonly secret: string,
    private readonly onEvent: (e: MeetingEvent) => void,
    private readonly now: () => number = Date.now,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  handle(rawBody: string, timestamp: string | undefined, signature: string | undefined): WebhookAnswer {
    const verdict = verifyWebhook(this.secret, timestamp, signature, rawBody, this.now());
    if (!verdict.ok) {
      this.log(`webhook refused: ${verdict.reason}.`);
      return { status: 401, body: { error: { code: 'bad-signature', message: `Refused: ${verdict.reason}.` } } };
    }
    let body: ZoomEventBody;
    try {
      body = JSON.parse(rawBody) as ZoomEventBody;
    } catch {
      return { status: 400, body: { error: { code: 'invalid-json', message: 'The body is not JSON.' } } };
    }
    if (body?.event === 'endpoint.url_validation') {
      const plain = body.payload?.plainToken;
      if (typeof plain !== 'string' || !plain) return { status: 400, body: { error: { code: 'invalid-request', message: 'No plainToken.' } } };
      return { status: 200, body: urlValidationAnswer(this.secret, plain) };
    }
    const e = parseZoomEvent(body, this.now());
    if (e) this.onEvent(e);
    return { status: 200, body: { received: true } };
  }
}
