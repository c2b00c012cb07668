// Zoom's WebSocket event subscription: needs no public URL, so it suits a desktop behind NAT.
// Zoom takes every upgrade, then says in a `build_connection` message whether it accepted the
// subscription: the link is up only after `success: true`, and only that resets the backoff (a refused
// subscription must not become a reconnect storm). Heartbeat every 30 s; unanswered heartbeats mean a dead
// link; "Invalid Token" on the link means reconnect with a newly fetched token. Zoom keeps one connection
// per subscription: a link Zoom closes twice within minutes was taken by another app, so we back off long.
// Zoom never redelivers what was missed, so `onState(true)` after every (re)connect means a REST re-read.
import WebSocket from 'ws';
import type { TokenProvider } from '../auth.js';
import { backoffCeiling, backoffDelay, type BackoffOptions } from '../../../shared/backoff.js';
import { parseZoomEvent, type MeetingEvent } from './zoom-event.js';
import { systemClock, type Clock, type TimerHandle } from '../../../shared/clock.js';


/** What Zoom says on a link whose access token expired. */
const INVALID_TOKEN = /^(invalid token|token is invalid)/i;
/** Up to minutes between attempts: a broken subscription must cost Zoom (and our budget) little. */
const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };
const REPLACED_WINDOW_MS = 5 * 60_000;
const TAKEN_OVER_MAX_MS = 60 * 60_000;

/** One connection attempt, as it went. */
interface Link {
  why: string;
  /** Zoom said build_connection success, at upAt. */
  accepted: boolean;
  upAt: number;
  /** We closed it (refused, expired token, dead heartbeats): not a close by Zoom. */
  ours: boolean;
  /** Zoom's words when it refused the subscription. */
  refused: string | null;
}

export interface WebSocketEventsOptions {
  url: string;
  subscriptionId: string;
  /** The account's token provider of the moment; null while Zoom is not set up. */
  tokens: () => TokenProvider | null;
  onEvent: (e: MeetingEvent) => void;
  /** true once Zoom accepted the subscription; false when the link is lost (events then cannot be trusted). */
  onState: (up: boolean) => void;
  /** Why events are not flowing, in words for the status ("Zoom refused the subscription: …"); null: fine. */
  onProblem?: (text: string | null) => void;
  heartbeatMs?: number;
  /** Heartbeats unanswered for this long: the connection is dead even if the socket looks open. */
  deadAfterMs?: number;
  backoff?: BackoffOptions;
  handshakeTimeoutMs?: number;
  log?: (line: string) => void;
  clock?: Clock;
  random?: () => number;
}

export class WebSocketEvents {
  private ws: WebSocket | null = null;
  private up = false;
  private stopped = true;
  private failures = 0;
  private lastHeard = 0;
  /** When Zoom closed links of ours that were up: two within REPLACED_WINDOW_MS means another app. */
  private closedByZoom: number[] = [];
  /** How many times in a row another app took the subscription: each long wait is twice the last. */
  private takenOver = 0;
  private heartbeat: TimerHandle | null = null;
  private retry: TimerHandle | null = null;
  private readonly now: () => number;
  private readonly clock: Clock;

  constructor(private readonly opts: WebSocketEventsOptions) {
    this.clock = opts.clock ?? systemClock;
    this.now = () => this.clock.now();
  }

  get connected(): boolean {
    return this.up;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) this.clock.clearTimeout(this.retry);
    this.retry = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      const closed = new Promise<void>((r) => ws.once('close', () => r()));
      ws.terminate();
      await closed;
    }
    this.up = false; // stopped on purpose: nobody needs telling
  }

  private async connect(): Promise<void> {
    this.retry = null;
    if (this.stopped) return;
    const provider = this.opts.tokens();
    if (!provider) return this.later('Zoom is not set up');
    let token: string;
    try {
      token = await provider.getToken();
    } catch (e) {
      return this.later((e as Error).message);
    }
    if (this.stopped) return;
    const url = new URL(this.opts.url);
    url.searchParams.set('subscriptionId', this.opts.subscriptionId);
    url.searchParams.set('access_token', token);
    const handshakeMs = this.opts.handshakeTimeoutMs ?? 10_000;
    const ws = new WebSocket(url, { handshakeTimeout: handshakeMs });
    this.ws = ws;
    const link: Link = { why: 'connection closed', accepted: false, upAt: 0, ours: false, refused: null };
    // Open is not up: Zoom has not said yet whether it takes the subscription.
    const answerBy = this.clock.setTimeout(() => {
      link.why = 'Zoom did not confirm the subscription';
      ws.terminate();
    }, handshakeMs);
    ws.on('open', () => {
      this.lastHeard = this.now();
      this.beat(link);
    });
    ws.on('message', (data) => this.receive((data as Buffer).toString('utf8'), ws, link, provider, token, answerBy));
    ws.on('error', (e) => {
      // Never log the URL: it carries the access token.
      link.why = e.message.replace(/access_token=[^&\s]+/g, 'access_token=…');
      if (/\b40[13]\b/.test(e.message)) provider.invalidate(token);
    });
    ws.on('close', (code) => {
      this.clock.clearTimeout(answerBy);
      if (this.heartbeat) this.clock.clearInterval(this.heartbeat);
      this.heartbeat = null;
      if (this.ws === ws) this.ws = null;
      if (!this.stopped) this.setUp(false);
      provider.invalidate(token); // each connection gets a fresh token
      if (this.stopped) return;
      // A close frame from Zoom (not a drop, not ours) on a link it had accepted.
      const byZoom = link.accepted && !link.ours && code !== 1006;
      if (link.accepted && this.now() - link.upAt >= REPLACED_WINDOW_MS) this.takenOver = 0; // it held: nobody else wants it
      const replaced = byZoom && this.replacedTwice();
      if (link.refused) this.problem(`Zoom refused the subscription: ${link.refused}`);
      else if (replaced) this.problem('another app is using this subscription (Zoom keeps one connection per subscription)');
      else this.problem(null);
      this.later(link.refused ? `refused by Zoom: ${link.refused}` : replaced ? 'taken over by another app' : link.why, replaced);
    });
  }

  private receive(text: string, ws: WebSocket, link: Link, provider: TokenProvider, token: string, answerBy: TimerHandle): void {
    this.lastHeard = this.now();
    let msg: { module?: string; success?: unknown; content?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    if (typeof msg.content === 'string' && INVALID_TOKEN.test(msg.content)) {
      // The token expired while the link was up: a new one, not the cached one.
      provider.invalidate(token);
      link.why = 'Zoom says the access token expired';
      link.ours = true;
      ws.close();
      return;
    }
    if (msg.module === 'build_connection') {
      this.clock.clearTimeout(answerBy);
      if (msg.success === true) {
        link.accepted = true;
        link.upAt = this.now();
        this.failures = 0;
        this.problem(null);
        this.setUp(true);
      } else {
        link.refused = typeof msg.content === 'string' && msg.content ? msg.content.slice(0, 200) : 'no reason given';
        link.ours = true;
        ws.close();
      }
      return;
    }
    if (!link.accepted || msg.module !== 'message' || typeof msg.content !== 'string') return;
    let body: unknown;
    try {
      body = JSON.parse(msg.content);
    } catch {
      return;
    }
    const e = parseZoomEvent(body, this.now());
    if (e) this.opts.onEvent(e);
  }

  private beat(link: Link): void {
    const every = this.opts.heartbeatMs ?? 30_000;
    const deadAfter = this.opts.deadAfterMs ?? every * 2.5;
    this.heartbeat = this.clock.setInterval(() => {
      const ws = this.ws;
      if (!ws) return;
      if (this.now() - this.lastHeard > deadAfter) {
        this.opts.log?.('events: Zoom stopped answering heartbeats; reconnecting.');
        link.ours = true;
        link.why = 'heartbeats unanswered';
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify({ module: 'heartbeat' }));
    }, every);
  }

  private later(why: string, long = false): void {
    if (this.stopped || this.retry) return;
    const backoff = this.opts.backoff ?? DEFAULT_BACKOFF;
    const wait = long ? backoffCeiling(this.takenOver++, { baseMs: REPLACED_WINDOW_MS, maxMs: TAKEN_OVER_MAX_MS }) : backoffDelay(this.failures++, backoff, this.opts.random ?? Math.random);
    this.opts.log?.(`events: WebSocket ${why}; trying again in ${Math.round(wait / 1000)} s.`);
    this.retry = this.clock.setTimeout(() => void this.connect(), wait);
  }

  /** Counts this close by Zoom; true when it is the second within the window. */
  private replacedTwice(): boolean {
    const now = this.now();
    this.closedByZoom = [...this.closedByZoom.filter((t) => now - t < REPLACED_WINDOW_MS), now];
    if (this.closedByZoom.length < 2) return false;
    this.closedByZoom = [];
    return true;
  }

  private problem(text: string | null): void {
    this.opts.onProblem?.(text);
  }

  private setUp(up: boolean): void {
    if (this.up === up) return;
    this.up = up;
    this.opts.onState(up);
  }
}
