// The simulator's event delivery, as Zoom does it: a WebSocket endpoint (`/ws?subscriptionId=…&
// access_token=…`, heartbeats answered) and signed webhooks to a URL. With faults: dropped connections,
// a stalled link (heartbeats unanswered, events lost), refused connections, duplicated and reordered events.
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
  /** New WebSocket connections are refused (the subscription is broken). */
  refuseConnections: boolean;
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
  readonly faults: EventFaults = { duplicate: false, reorder: false, stalled: false, refuseConnections: false };
  readonly subscriptionId = 'sim-subscription';
  webhook: WebhookTarget | null = null;
  /** Heartbeats received, and connections accepted, for tests. */
  heartbeats = 0;
  accepted = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
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
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws') return refuse('404 Not Found');
    if (this.faults.refuseConnections) return refuse('503 Service Unavailable');
    if (url.searchParams.get('subscriptionId') !== this.subscriptionId) return refuse('404 Not Found');
    if (!this.tokenValid(url.searchParams.get('access_token') ?? '')) return refuse('401 Unauthorized');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.accepted++;
      ws.on('message', (data) => {
        let msg: { module?: string };
        try {
          msg = JSON.parse(data.toString()) as typeof msg;
        } catch {
          return;
        }
        if (msg.module !== 'heartbeat') return;
        this.heartbeats++;
        if (!this.faults.stalled) ws.send(JSON.stringify({ module: 'heartbeat', success: true }));
      });
    });
  }

  /** Every open WebSocket is cut, as when Zoom or the network drops it. */
  dropConnections(): void {
    for (const ws of this.wss.clients) ws.terminate();
  }

  /** Posts one webhook as Zoom would, or with a bad or missing signature or an old timestamp. */
  async sendWebhook(body: unknown, opts: { signature?: 'good' | 'bad' | 'missing'; timestampSec?: number; target?: WebhookTarget } = {}): Promise<WebhookDelivery> {
    const target = opts.target ?? this.webhook;
    if (!target) throw new Error('No webhook target set.');
    const raw = JSON.stringify(body);
    const ts = String(opts.timestampSec ?? Math.floor(this.now() / 1000));
    const secret = opts.signature === 'bad' ? `${target.secret}-wrong` : target.secret;
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex')}`;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-zm-request-timestamp': ts };
    if (opts.signature !== 'missing') headers['x-zm-signature'] = signature;
    const res = await fetch(target.url, { method: 'POST', headers, body: raw });
    return { status: res.status, body: await res.text() };
  }

  async close(): Promise<void> {
    if (this.heldTimer) clearTimeout(this.heldTimer);
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
        for (const ws of this.wss.clients) if (ws.readyState === 1) (ws as WebSocket).send(frame);
      }
      if (this.webhook) void this.sendWebhook(body).catch(() => undefined);
    }
  }
}
