// The simulator's event delivery, as Zoom does it: a WebSocket endpoint (`/ws?subscriptionId=…&
// access_token=…`) that always accepts the upgrade, then says `build_connection` success or failure (and
// closes on failure); one connection per subscription (a new one closes the old); heartbeats answered; a
// link whose token expired is told "Invalid Token". And signed webhooks to a URL, tried again when the app
// does not answer 200/204 within 3 s (5, 30 and 90 minutes after the first attempt). With faults: dropped
// connections, a stalled link (heartbeats unanswered, events lost), a refused subscription, duplicated
// and reordered events.
import { createHmac } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SimAccount, SimEventBody } from './account.js';

export interface EventFaults {
  /** Every event is sent twice. */
  duplicate: boolean;
  /** Events go out in swapped pairs. */
  reorder: boolean;
  /** The link is dead but open: no heartbeat answers, events lost. */
  stalled: boolean;
  /** New WebSocket connections are refused with this `build_connection` content (the subscription is
   * broken, e.g. "Invalid subscriptionId"); null: accepted. */
  refuseConnections: string | null;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface WebhookDelivery {
  status: number;
  body: string;
}

export class SimEvents {
  readonly faults: EventFaults = { duplicate: false, reorder: false, stalled: false, refuseConnections: null };
  readonly subscriptionId = 'sim-subscription';
  webhook: WebhookTarget | null = null;
  /** Zoom waits this long for a 200 or 204 to a webhook; anything else (or nothing) is tried again. */
  webhookTimeoutMs = 3_000;
  /** When Zoom tries an unanswered delivery again, counted from the first attempt: 5, 30 and 90 minutes. */
  webhookRetriesMs: number[] = [5 * 60_000, 30 * 60_000, 90 * 60_000];
  /** Every webhook delivery attempt Zoom made (not the hand-made ones of `sendWebhook`), for tests. */
  readonly webhookAttempts: { event: string; attempt: number; status: number | 'timeout' | 'error' }[] = [];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  /** Heartbeats received, upgrades (every connection attempt) and subscriptions accepted, for tests. */
  heartbeats = 0;
  upgrades = 0;
  accepted = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  /** Connections whose subscription was accepted (Zoom keeps one). */
  private readonly live = new Set<WebSocket>();
  private held: SimEventBody | null = null;
  private heldTimer: NodeJS.Timeout | null = null;

  constructor(
    account: SimAccount,
    private readonly accountId: string,
    private readonly tokenValid: (token: string) => boolean,
    private readonly now: () => number,
  ) {
    account.onEvent((e) => this.publish(e));
  }

  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Zoom takes every upgrade and answers on the socket.
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.upgrades++;
      const refusal = this.faults.refuseConnections
        ?? (url.searchParams.get('subscriptionId') !== this.subscriptionId ? 'Invalid subscriptionId' : null)
        ?? (this.tokenValid(url.searchParams.get('access_token') ?? '') ? null : 'Invalid Token');
      if (refusal) {
        ws.send(JSON.stringify({ module: 'build_connection', success: false, content: refusal }));
        ws.close(1008, refusal);
        return;
      }
      // One connection per subscription: the newest wins.
      for (const other of this.live) other.close(1000, 'Another connection for this subscription was opened');
      this.live.add(ws);
      ws.on('close', () => this.live.delete(ws));
      this.accepted++;
      ws.send(JSON.stringify({ module: 'build_connection', success: true, content: `conn-${this.accepted}` }));
      ws.on('message', (data) => {
        let msg: { module?: string };
        try {
          msg = JSON.parse((data as Buffer).toString('utf8')) as typeof msg;
        } catch {
          return;
        }
        if (msg.module !== 'heartbeat') return;
        this.heartbeats++;
        if (!this.faults.stalled) ws.send(JSON.stringify({ module: 'heartbeat', success: true }));
      });
    });
  }

  /** The token of every open link expires: Zoom says so on the link (the app must reconnect with a new one). */
  expireLinkTokens(content = 'Invalid Token'): void {
    for (const ws of this.live) ws.send(JSON.stringify({ module: 'heartbeat', success: false, content }));
  }

  /** Every open WebSocket is cut, as when Zoom or the network drops it. */
  dropConnections(): void {
    for (const ws of this.wss.clients) ws.terminate();
  }

  /** Posts one webhook as Zoom would, or with a bad or missing signature or an old timestamp. */
  async sendWebhook(body: unknown, opts: { signature?: 'good' | 'bad' | 'missing'; timestampSec?: number; target?: WebhookTarget; timeoutMs?: number } = {}): Promise<WebhookDelivery> {
    const target = opts.target ?? this.webhook;
    if (!target) throw new Error('No webhook target set.');
    const raw = JSON.stringify(body);
    const ts = String(opts.timestampSec ?? Math.floor(this.now() / 1000));
    const secret = opts.signature === 'bad' ? `${target.secret}-wrong` : target.secret;
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex')}`;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-zm-request-timestamp': ts };
    if (opts.signature !== 'missing') headers['x-zm-signature'] = signature;
    const signal = opts.timeoutMs == null ? undefined : AbortSignal.timeout(opts.timeoutMs);
    const res = await fetch(target.url, { method: 'POST', headers, body: raw, signal });
    return { status: res.status, body: await res.text() };
  }

  /** One event to the webhook as Zoom delivers it: signed afresh for each attempt, and tried again when the
   * app did not answer 200 or 204 within the timeout. */
  private deliver(body: SimEventBody, attempt = 0): void {
    void (async () => {
      let status: number | 'timeout' | 'error';
      try {
        status = (await this.sendWebhook(body, { timeoutMs: this.webhookTimeoutMs })).status;
      } catch (e) {
        status = (e as Error).name === 'TimeoutError' ? 'timeout' : 'error';
      }
      this.webhookAttempts.push({ event: body.event, attempt, status });
      const at = this.webhookRetriesMs[attempt];
      if (status === 200 || status === 204 || at == null || !this.webhook) return;
      const t = setTimeout(() => {
        this.retryTimers.delete(t);
        this.deliver(body, attempt + 1);
      }, at - (this.webhookRetriesMs[attempt - 1] ?? 0));
      this.retryTimers.add(t);
    })();
  }

  async close(): Promise<void> {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    for (const t of this.retryTimers) clearTimeout(t);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }

  private publish(e: SimEventBody): void {
    const body: SimEventBody = { ...e, payload: { ...e.payload, account_id: this.accountId } };
    if (this.faults.reorder) {
      if (!this.held) {
        this.held = body;
        // A held event goes out alone if no other follows soon.
        this.heldTimer = setTimeout(() => this.flushHeld(), 200);
        return;
      }
      this.send(body);
      this.flushHeld();
      return;
    }
    this.send(body);
  }

  private flushHeld(): void {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    const held = this.held;
    this.held = null;
    if (held) this.send(held);
  }

  private send(body: SimEventBody): void {
    const times = this.faults.duplicate ? 2 : 1;
    for (let i = 0; i < times; i++) {
      if (!this.faults.stalled) {
        const frame = JSON.stringify({ module: 'message', content: JSON.stringify(body) });
        for (const ws of this.live) if (ws.readyState === 1) ws.send(frame);
      }
      if (this.webhook) this.deliver(body);
    }
  }
}
