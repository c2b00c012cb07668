// Zoom's WebSocket event subscription: needs no public URL, so it suits a desktop behind NAT.
// Connect with a fresh access token, heartbeat every 30 s, call a connection dead when heartbeats go
// unanswered, reconnect with backoff and a new token. Zoom never redelivers what was missed while
// disconnected, so `onState(true)` after every (re)connect tells the engine to re-read over REST.
import WebSocket from 'ws';
import type { TokenProvider } from '../auth.js';
import { backoffDelay, type BackoffOptions } from '../backoff.js';
import { parseZoomEvent, type MeetingEvent } from './zoom-event.js';


export interface WebSocketEventsOptions {
  url: string;
  subscriptionId: string;
  /** The account's token provider of the moment; null while Zoom is not set up. */
  tokens: () => TokenProvider | null;
  onEvent: (e: MeetingEvent) => void;
  /** true once connected; false when the connection is lost (events then cannot be trusted). */
  onState: (up: boolean) => void;
  heartbeatMs?: number;
  /** Heartbeats unanswered for this long: the connection is dead even if the socket looks open. */
  deadAfterMs?: number;
  backoff?: BackoffOptions;
  handshakeTimeoutMs?: number;
  log?: (line: string) => void;
  now?: () => number;
  random?: () => number;
}

export class WebSocketEvents {
  private ws: WebSocket | null = null;
  private up = false;
  private stopped = true;
  private failures = 0;
  private lastHeard = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: WebSocketEventsOptions) {
    this.now = opts.now ?? Date.now;
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
    if (this.retry) clearTimeout(this.retry);
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
    const ws = new WebSocket(url, { handshakeTimeout: this.opts.handshakeTimeoutMs ?? 10_000 });
    this.ws = ws;
    let why = 'connection closed';
    ws.on('open', () => {
      this.failures = 0;
      this.lastHeard = this.now();
      this.beat();
      this.setUp(true);
    });
    ws.on('message', (data) => this.receive(data.toString()));
    ws.on('error', (e) => {
      // Never log the URL: it carries the access token.
      why = e.message.replace(/access_token=[^&\s]+/g, 'access_token=…');
      // Refused at the door (401/403): the token may be stale; the next attempt fetches a new one.
      if (/\b40[13]\b/.test(e.message)) provider.invalidate(token);
    });
    ws.on('close', () => {
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      if (this.ws === ws) this.ws = null;
      if (!this.stopped) this.setUp(false);
      provider.invalidate(token); // each connection gets a fresh token
      if (!this.stopped) this.later(why);
    });
  }

  private receive(text: string): void {
    this.lastHeard = this.now();
    let msg: { module?: string; content?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    if (msg.module !== 'message' || typeof msg.content !== 'string') return;
    let body: unknown;
    try {
      body = JSON.parse(msg.content);
    } catch {
      return;
    }
    const e = parseZoomEvent(body, this.now());
    if (e) this.opts.onEvent(e);
  }

  private beat(): void {
    const every = this.opts.heartbeatMs ?? 30_000;
    const deadAfter = this.opts.deadAfterMs ?? every * 2.5;
    this.heartbeat = setInterval(() => {
      const ws = this.ws;
      if (!ws) return;
      if (this.now() - this.lastHeard > deadAfter) {
        this.opts.log?.('events: Zoom stopped answering heartbeats; reconnecting.');
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify({ module: 'heartbeat' }));
    }, every);
  }

  private later(why: string): void {
    if (this.stopped || this.retry) return;
    const wait = backoffDelay(this.failures++, this.opts.backoff ?? { baseMs: 1_000, maxMs: 60_000 }, this.opts.random ?? Math.random);
    this.opts.log?.(`events: WebSocket ${why}; trying again in ${Math.round(wait / 1000)} s.`);
    this.retry = setTimeout(() => void this.connect(), wait);
  }

  private setUp(up: boolean): void {
    if (this.up === up) return;
    this.up = up;
    this.opts.onState(up);
  }
}
