// A dashboard's view of the service through its event stream, as a browser's EventSource keeps it: the
// snapshot, then each change; when the stream breaks (a drop, a kill -9) it reconnects every half second with
// Last-Event-ID, and the service resumes it or sends a fresh snapshot. The soak compares what it holds with
// the service's list and with Zoom's truth.
import http from 'node:http';

export interface Seen {
  status: string;
  participants: number;
}

export class SseFollower {
  /** What the stream has told, by meeting id. */
  readonly sessions = new Map<string, Seen>();
  /** Streams lost (a failed attempt to reconnect is part of the same loss). */
  reconnects = 0;
  /** ms from each break to the first frame of the stream that replaced it. */
  readonly resumeMs: number[] = [];
  private lastId: string | null = null;
  private req: http.ClientRequest | null = null;
  private brokeAt: number | null = null;
  private stopped = false;
  private pausedUntil = 0;

  constructor(private readonly url: string, private readonly token: string) {}

  start(): void {
    this.connect();
  }

  /** The network drops this client for `ms`, as a laptop lid or a train tunnel does. */
  drop(ms: number): void {
    this.pausedUntil = Date.now() + ms;
    this.req?.destroy();
  }

  stop(): void {
    this.stopped = true;
    this.req?.destroy();
  }

  private connect(): void {
    if (this.stopped) return;
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) {
      setTimeout(() => this.connect(), wait);
      return;
    }
    const headers: Record<string, string> = { Accept: 'text/event-stream', SECURITY_TOKEN_AUTHENTICATION_KEY: this.token };
    if (this.lastId) headers['Last-Event-ID'] = this.lastId;
    const req = http.get(this.url, { headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return;
      }
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          this.frame(buf.slice(0, i));
          buf = buf.slice(i + 2);
        }
      });
    });
    this.req = req;
    req.on('error', () => {});
    req.on('close', () => {
      if (this.stopped) return;
      if (this.brokeAt == null) {
        this.brokeAt = Date.now();
        this.reconnects++;
      }
      setTimeout(() => this.connect(), 500);
    });
  }

  private frame(block: string): void {
    let id: string | null = null;
    let event = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!data) return; // a heartbeat comment
    if (this.brokeAt != null) {
      this.resumeMs.push(Date.now() - this.brokeAt);
      this.brokeAt = null;
    }
    if (id) this.lastId = id;
    const body = JSON.parse(data) as { sessions?: (Seen & { meetingId: string })[]; session?: Seen & { meetingId: string }; meetingId?: string };
    if (event === 'snapshot') {
      this.sessions.clear();
      for (const s of body.sessions ?? []) this.sessions.set(s.meetingId, { status: s.status, participants: s.participants });
    } else if (event === 'session' && body.session) {
      this.sessions.set(body.session.meetingId, { status: body.session.status, participants: body.session.participants });
    } else if (event === 'removed' && body.meetingId) {
      this.sessions.delete(body.meetingId);
    }
  }
}
