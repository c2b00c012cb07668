// Glue between Zoom's event sources and the engine: events go straight to the engine; the live list
// slows to a drift check only while events can be trusted — a WebSocket that is connected and has been
// followed by a fresh REST read (Zoom never redelivers what was missed), or webhooks that keep arriving.
import type { RoundResult, SyncEngine } from './engine.js';
import type { SyncScheduler } from './scheduler.js';
import type { TokenProvider } from '../zoom/auth.js';
import type { BackoffOptions } from '../../shared/backoff.js';
import type { MeetingEvent } from '../zoom/events/zoom-event.js';
import { WebhookReceiver } from '../zoom/events/webhook.js';
import { WebSocketEvents } from '../zoom/events/websocket-events.js';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock.js';

export interface LiveEventsOptions {
  engine: SyncEngine;
  scheduler: SyncScheduler;
  webhookSecret: string | null;
  tokens: () => TokenProvider | null;
  log: (line: string) => void;
  heartbeatMs?: number;
  backoff?: BackoffOptions;
  clock?: Clock;
}

/** Webhooks quiet this long: poll again (a webhook gives no sign of life but its deliveries). */
export const WEBHOOK_QUIET_MS = 15 * 60_000;

export type WebSocketConfig = { url: string; subscriptionId: string };

export class LiveEvents {
  readonly webhook: WebhookReceiver | null;
  private ws: WebSocketEvents | null = null;
  private websocket: WebSocketConfig | null = null;
  private lastWebhookAt = 0;
  private quietTimer: TimerHandle | null = null;
  /** The link has been up since start(): later ups wait for the live interval, the first does not. */
  private linkedOnce = false;
  /** Counts the link's ups and downs: a read asked for by an earlier one says nothing of the link now. */
  private linkChanges = 0;
  private readonly clock: Clock;

  constructor(private readonly opts: LiveEventsOptions) {
    this.clock = opts.clock ?? systemClock;
    this.webhook = opts.webhookSecret
      ? new WebhookReceiver(opts.webhookSecret, (e) => this.fromWebhook(e), () => this.clock.now(), opts.log)
      : null;
  }

  get source(): 'websocket' | 'webhook' | null {
    return this.websocket ? 'websocket' : this.webhook ? 'webhook' : null;
  }

  /** Starts (or, for another account, starts over) with this WebSocket subscription, if any. */
  async start(websocket: WebSocketConfig | null): Promise<void> {
    const { engine } = this.opts;
    await this.stopSocket();
    this.websocket = websocket;
    this.linkedOnce = false;
    engine.board.setEventMode(this.source, false);
    if (websocket) {
      this.ws = new WebSocketEvents({
        ...websocket,
        tokens: this.opts.tokens,
        heartbeatMs: this.opts.heartbeatMs,
        backoff: this.opts.backoff,
        onEvent: (e) => this.apply(e),
        onState: (up) => this.onSocket(up),
        onProblem: (text) => this.opts.engine.board.setEventProblem(text),
        log: this.opts.log,
      });
      this.ws.start();
    }
    if (this.webhook && !this.quietTimer) {
      const quiet = WEBHOOK_QUIET_MS;
      this.quietTimer = this.clock.setInterval(() => {
        if (this.source === 'webhook' && this.clock.now() - this.lastWebhookAt > quiet) engine.board.setEventMode('webhook', false);
      }, Math.min(quiet, 60_000));
      (this.quietTimer as { unref?: () => void }).unref?.();
    }
  }

  /** Before the account changes: the old connection must not report on the new account. */
  async stopSocket(): Promise<void> {
    await this.ws?.stop();
    this.ws = null;
    this.opts.engine.board.setEventProblem(null);
  }

  async stop(): Promise<void> {
    this.clock.clearInterval(this.quietTimer);
    this.quietTimer = null;
    await this.stopSocket();
  }

  private apply(e: MeetingEvent): void {
    this.opts.engine.applyEvent(e).catch((err: unknown) => this.opts.log(`events: ${(err as Error).message}`));
  }

  private fromWebhook(e: MeetingEvent): void {
    this.lastWebhookAt = this.clock.now();
    if (this.source === 'webhook') this.opts.engine.board.setEventMode('webhook', true);
    this.apply(e);
  }

  private onSocket(up: boolean): void {
    const { engine, scheduler } = this.opts;
    engine.board.setEventMode('websocket', false);
    // Up: what happened while we were away is only in REST: at once the first time (the start's own read
    // may have begun before the link), then within the live interval's budget. Down: poll at the normal pace.
    const read = up && !this.linkedOnce ? scheduler.pollNow() : scheduler.pollWithinBudget();
    if (up) this.linkedOnce = true;
    const change = ++this.linkChanges;
    // Trusted once a read begun after the link came up succeeds: a failed one is followed by the next round
    // within the budget, for as long as the link stays up.
    const trustAfter = (round: RoundResult): void => {
      if (!up || change !== this.linkChanges || !this.ws?.connected) return;
      if (round.ok) engine.board.setEventMode('websocket', true);
      else void scheduler.pollWithinBudget().then(trustAfter);
    };
    void read.then(trustAfter);
  }
}
