// The fault soak: the service as users run it (`zoom-sessions serve`, its own process, Zoom's WebSocket events
// on) against the simulator, for minutes on end, while "Zoom" changes and every fault of the plan strikes.
// Meanwhile it samples what a user and an operator would see — isalive's answer time, the process's memory and
// open files, three dashboards' event streams — and compares the service's list with Zoom's truth each second.
// When faults stop it waits for the service and every stream to agree with Zoom again.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AuditEntry, Session } from '../../shared/api-schema.js';
import { seededRandom } from '../../main/zoom-simulator/demo.js';
import { zoomFaults } from '../../main/zoom-simulator/faults.js';
import { ZoomSimulator } from '../../main/zoom-simulator/server.js';
import { memory, serve, TOKEN, type Service } from '../serve-process.js';
import { differences } from './measures.js';
import { soakPlan, type SoakAction, type SoakPlan } from './plan.js';
import { SseFollower, type Seen } from './sse-follower.js';

export interface SoakOptions {
  minutes: number;
  seed: number;
  /** A line of progress, as it happens. */
  log?: (line: string) => void;
}

export interface Sample {
  /** ms from the start. */
  t: number;
  rssMb: number;
  openFiles: number;
}

export interface SoakRecord {
  plan: SoakPlan;
  sim: ZoomSimulator;
  /** isalive answer times (ms), and the ones that failed while the service was up. */
  alive: number[];
  aliveFailures: string[];
  samples: Sample[];
  followers: SseFollower[];
  /** How long each kill -9 kept the service away (ms, kill to answering again). */
  restartsMs: number[];
  /** What "Zoom" did: starts, ends, count changes. */
  zoom: { starts: number; ends: number; counts: number };
  faults: string[];
  /** Each End pressed through the API: the meeting and the API's status. */
  ends: { meetingId: string; status: number }[];
  audit: AuditEntry[];
  /** What the service showed that was not so (a meeting lost, a live instance shown ended), what it still
   * showed wrong after faults stopped, and what a stream or the audit lost. */
  divergences: string[];
  /** Differences from Zoom that lasted past the limit while faults struck: stale, not wrong. */
  stale: string[];
  /** ms after faults stopped until the service and every stream equalled Zoom; null: never, in the time left. */
  convergedMs: number | null;
  /** The longest a difference from Zoom lasted while faults struck (ms), and which. */
  longestStale: { ms: number; what: string };
  /** The last lines the service wrote. */
  serviceLog: string[];
  /** The service's sync status at the end. */
  finalStatus: Record<string, unknown> | null;
  /** When Zoom's sign-in was down (epoch ms). */
  outages: { from: number; to: number }[];
}

const HOSTS = 6;
const MEETINGS_PER_HOST = 4;
/** A difference from Zoom may last this long while faults strike: a live round that failed and its retry
 * round, an outage, the budget's wait, a restart. Longer is reported as stale (faults one every few seconds
 * can make it so; it is not a wrong state). */
export const STALE_LIMIT_MS = 90_000;

export async function runSoak(opts: SoakOptions): Promise<SoakRecord> {
  const soak = new Soak(opts);
  try {
    return await soak.run();
  } finally {
    await soak.close();
  }
}

class Soak {
  private readonly log: (line: string) => void;
  private readonly sim = new ZoomSimulator();
  private readonly plan: SoakPlan;
  private readonly random: () => number;
  private service: Service | null = null;
  private port = 0;
  private dir = '';
  /** The start of the plan; lines written before it show negative times. */
  private t0 = Date.now();
  private stopped = false;
  private readonly record: SoakRecord;
  /** Since when each meeting has differed from Zoom, and how. */
  private readonly differing = new Map<string, { since: number; what: string; said: boolean }>();
  /** The instance of each meeting the service has been seen to show live. */
  private readonly shownLive = new Map<string, string>();

  constructor(private readonly opts: SoakOptions) {
    this.log = opts.log ?? (() => {});
    this.plan = soakPlan(opts.minutes, opts.seed);
    this.random = seededRandom(opts.seed ^ 0x5eed);
    this.record = {
      plan: this.plan, sim: this.sim, alive: [], aliveFailures: [], samples: [], followers: [], restartsMs: [],
      zoom: { starts: 0, ends: 0, counts: 0 }, faults: [], ends: [], audit: [], divergences: [], stale: [], convergedMs: null,
      longestStale: { ms: 0, what: '' }, serviceLog: [], outages: [], finalStatus: null,
    };
  }

  async run(): Promise<SoakRecord> {
    await this.sim.start();
    this.seedAccount();
    this.dir = await mkdtemp(path.join(os.tmpdir(), 'zs-soak-'));
    this.port = await freePort();
    this.service = await this.startService();
    await this.untilReady();
    this.t0 = Date.now();
    this.log(`service up on ${this.service.url} (pid ${this.service.child.pid}); ${this.plan.actions.length} actions over ${this.opts.minutes} min`);
    for (let i = 0; i < 3; i++) {
      const f = new SseFollower(`${this.service.url}/api/v1/events`, TOKEN);
      f.start();
      this.record.followers.push(f);
    }
    const loops = [this.every(250, () => this.sampleAlive()), this.every(5_000, () => this.sampleProcess()), this.every(1_000, () => this.compare())];
    await this.act();
    await this.converge();
    this.stopped = true;
    await Promise.all(loops);
    this.record.audit = await this.readAudit();
    this.checkEnds();
    return this.record;
  }

  async close(): Promise<void> {
    this.stopped = true;
    for (const f of this.record.followers) f.stop();
    const child = this.service?.child;
    if (child && child.exitCode == null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await this.sim.stop();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  /** The service in its own process; what it writes is kept (the last 300 lines) for a report of a divergence. */
  private async startService(): Promise<Service> {
    const s = await serve(this.sim, this.dir, { events: true, port: this.port });
    const keep = (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.trim()) this.record.serviceLog.push(`${this.at()} [${s.child.pid}] ${line}`);
      this.record.serviceLog.splice(0, this.record.serviceLog.length - 300);
    };
    s.child.stdout!.on('data', keep);
    s.child.stderr!.on('data', keep);
    return s;
  }

  private seedAccount(): void {
    const a = this.sim.account;
    const day = new Date(Date.now()).toISOString().slice(0, 10);
    for (let h = 0; h < HOSTS; h++) {
      const u = a.addUser({ email: `host${h}@example.com`, firstName: `Host${h}`, lastName: 'Soak' });
      for (let i = 0; i < MEETINGS_PER_HOST; i++) {
        a.addMeeting({ hostId: u.id, topic: `Room ${h}-${i}`, type: 2, startTime: `${day}T${String(8 + i * 2).padStart(2, '0')}:00:00Z`, duration: 60 });
      }
    }
    const ids = [...a.meetings.keys()];
    for (const id of ids.slice(0, 3)) a.start(id, 2);
  }

  /** Until the service has read the catalog and every live meeting. */
  private async untilReady(): Promise<void> {
    for (;;) {
      const list = await this.list().catch(() => null);
      if (list && list.sessions.length === this.sim.account.meetings.size && list.status.ready) return;
      await sleep(200);
    }
  }

  /** The plan, in time. Ends through the API and restarts run beside it. */
  private async act(): Promise<void> {
    const running: Promise<void>[] = [];
    for (const a of this.plan.actions) {
      await sleep(this.t0 + a.at - Date.now());
      running.push(this.do(a).catch((e: unknown) => this.log(`${a.kind} failed: ${String(e)}`)));
    }
    await sleep(this.t0 + this.plan.faultsEndAt - Date.now());
    this.sim.faults.clear();
    for (const o of this.record.outages) o.to = Math.min(o.to, Date.now());
    this.log(`faults stopped at ${(this.plan.faultsEndAt / 1000).toFixed(0)} s`);
    await Promise.all(running);
  }

  private async do(a: SoakAction): Promise<void> {
    if (a.kind === 'zoom') return this.changeZoom(a.pick, a.count);
    if (a.kind === 'api-end') return this.pressEnd(a.pick);
    if (a.kind === 'kill') return this.kill();
    this.record.faults.push(a.fault);
    switch (a.fault) {
      case 'revoked tokens':
        return this.sim.revokeTokens();
      case 'expired tokens':
        return this.sim.expireTokens();
      case 'OAuth outage':
        // With the tokens gone too, every caller needs sign-in while it is down.
        this.record.outages.push({ from: Date.now(), to: Date.now() + a.ms! });
        this.sim.addFault(zoomFaults.oauthOutage(Date.now(), a.ms!));
        return this.sim.revokeTokens();
      case 'WebSocket dropped':
        return this.sim.events.dropConnections();
      case 'SSE clients dropped':
        for (const f of this.record.followers) f.drop(a.ms!);
        return;
      default:
        return this.sim.addFault(a.rule!);
    }
  }

  /** One change in "Zoom": a meeting starts, people join or leave, or it ends. */
  private changeZoom(pick: number, count: number): void {
    const a = this.sim.account;
    const all = [...a.meetings.values()];
    const live = all.filter((m) => m.live);
    const idle = all.filter((m) => !m.live);
    const r = this.random();
    if (idle.length && (live.length < 4 || r < 0.25)) {
      a.start(idle[Math.floor(pick * idle.length)]!.id, count);
      this.record.zoom.starts++;
    } else if (live.length && r < 0.45) {
      a.end(live[Math.floor(pick * live.length)]!.id);
      this.record.zoom.ends++;
    } else if (live.length) {
      // People come and go; the last one's leaving is an end, above.
      const m = live[Math.floor(pick * live.length)]!;
      if (r < 0.75 || m.live!.participants < 2) a.join(m.id, count);
      else a.leave(m.id, Math.min(count, m.live!.participants - 1), { keepOpen: true });
      this.record.zoom.counts++;
    }
  }

  private async pressEnd(pick: number): Promise<void> {
    const live = this.sim.account.liveMeetings();
    const s = this.service;
    if (!live.length || !s) return;
    const meetingId = String(live[Math.floor(pick * live.length)]!.id);
    let status = 0;
    try {
      const res = await fetch(`${s.url}/api/v1/sessions/${meetingId}/end`, { method: 'POST', headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: TOKEN }, signal: AbortSignal.timeout(60_000) });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      // No answer: the service was killed meanwhile (status 0).
    }
    this.record.ends.push({ meetingId, status });
    this.log(`End ${meetingId}: ${status || 'no answer'}`);
  }

  private async kill(): Promise<void> {
    const old = this.service!;
    this.service = null;
    const killedAt = Date.now();
    const exited = new Promise((r) => old.child.once('exit', r));
    old.child.kill('SIGKILL');
    await exited;
    this.service = await this.startService();
    // Back when it answers its API again.
    while (!(await this.list().catch(() => null))) await sleep(50);
    this.record.restartsMs.push(Date.now() - killedAt);
    this.log(`kill -9: back in ${((Date.now() - killedAt) / 1000).toFixed(1)} s (pid ${this.service.child.pid})`);
  }

  private async sampleAlive(): Promise<void> {
    const s = this.service;
    if (!s) return;
    const t = performance.now();
    try {
      const res = await fetch(`${s.url}/api/v1/isalive`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: TOKEN }, signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      this.record.alive.push(performance.now() - t);
    } catch (e) {
      if (this.service === s && s.child.exitCode == null) this.record.aliveFailures.push(`${this.at()}: ${String(e)}`);
    }
  }

  private sampleProcess(): void {
    const pid = this.service?.child.pid;
    if (pid == null) return;
    try {
      this.record.samples.push({ t: Date.now() - this.t0, rssMb: memory(pid).now, openFiles: readdirSync(`/proc/${pid}/fd`).length });
    } catch {
      // The process went away between the check and the read (a kill): no sample.
    }
  }

  /** Zoom's truth now, by meeting id. */
  private truth(): Map<string, Seen> {
    return new Map([...this.sim.account.meetings.values()].map((m) => [String(m.id), { status: m.live ? 'live' : 'available', participants: m.live?.participants ?? 0 }]));
  }

  /** The service's list against Zoom's: a meeting lost, a live one shown ended though the same instance is
   * still live, and any difference that lasts past the limit are divergences. */
  private async compare(): Promise<void> {
    const list = await this.list().catch(() => null);
    if (!list) return;
    const truth = this.truth();
    const now = Date.now();
    for (const s of list.sessions) {
      const m = this.sim.account.meetings.get(Number(s.meetingId));
      if (s.status === 'live' && m?.live && s.uuid === m.live.uuid) this.shownLive.set(s.meetingId, m.live.uuid);
      else if (s.status !== 'live' && m?.live && this.shownLive.get(s.meetingId) === m.live.uuid && list.status.ready) {
        this.divergence(`${this.at()}: ${s.meetingId} shown ended, but Zoom has the same instance live`);
        this.shownLive.delete(s.meetingId);
      }
    }
    const seen = new Map(list.sessions.map((s) => [s.meetingId, { status: s.status, participants: s.participants ?? -1 }]));
    const diffs = new Map(differences(truth, seen).map((d) => [d.split(' ')[0]!, d]));
    for (const [id, what] of diffs) {
      const was = this.differing.get(id);
      if (!was && what.endsWith('missing')) this.divergence(`${this.at()}: ${what} from the service's list`);
      if (!was) {
        this.differing.set(id, { since: now, what, said: false });
        continue;
      }
      if (now - was.since > this.record.longestStale.ms) this.record.longestStale = { ms: now - was.since, what: `${was.what} (from ${this.at(was.since)})` };
      if (now - was.since > STALE_LIMIT_MS && !was.said) {
        was.said = true;
        this.record.stale.push(`${this.at(was.since)}: ${was.what}, for over ${STALE_LIMIT_MS / 1000} s`);
      }
    }
    for (const id of this.differing.keys()) if (!diffs.has(id)) this.differing.delete(id);
  }

  /** After faults stop: until the list and every stream equal Zoom, or the plan's end. */
  private async converge(): Promise<void> {
    const stopAt = this.t0 + this.plan.faultsEndAt;
    while (Date.now() < this.t0 + this.plan.endAt) {
      const list = await this.list().catch(() => null);
      if (list) {
        const truth = this.truth();
        const seen = new Map(list.sessions.map((s) => [s.meetingId, { status: s.status, participants: s.participants ?? -1 }]));
        if (differences(truth, seen).length === 0 && this.record.followers.every((f) => differences(truth, f.sessions).length === 0)) {
          this.record.convergedMs = Math.max(0, Date.now() - stopAt);
          this.log(`converged ${(this.record.convergedMs / 1000).toFixed(1)} s after faults stopped`);
          break;
        }
      }
      await sleep(250);
    }
    // Agreeing once is not enough: the comparison goes on each second to the plan's end.
    await sleep(this.t0 + this.plan.endAt - Date.now());
    // What still differs at the end is a divergence of its own.
    const truth = this.truth();
    const list = await this.list().catch(() => null);
    this.record.finalStatus = list?.status ?? null;
    if (list) for (const d of differences(truth, new Map(list.sessions.map((s) => [s.meetingId, { status: s.status, participants: s.participants ?? -1 }])))) this.divergence(`at the end: ${d} (the service's list)`);
    this.record.followers.forEach((f, i) => differences(truth, f.sessions).forEach((d) => this.divergence(`at the end: ${d} (event stream ${i + 1})`)));
  }

  /** Every End the API answered 200 has its entry in the End audit, across the kills. */
  private checkEnds(): void {
    for (const e of this.record.ends) {
      const entry = this.record.audit.find((a) => a.meetingId === e.meetingId);
      if (e.status === 200 && !entry) this.divergence(`End of ${e.meetingId} answered 200, but the End audit has no entry`);
    }
  }

  private async readAudit(): Promise<AuditEntry[]> {
    const res = await fetch(`${this.service!.url}/api/v1/audit?limit=500`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: TOKEN } });
    return ((await res.json()) as { entries: AuditEntry[] }).entries;
  }

  private async list(): Promise<{ sessions: Session[]; status: { ready: boolean } & Record<string, unknown> }> {
    const s = this.service;
    if (!s) throw new Error('restarting');
    const res = await fetch(`${s.url}/api/v1/sessions`, { headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: TOKEN }, signal: AbortSignal.timeout(5_000) });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as { sessions: Session[]; status: { ready: boolean } & Record<string, unknown> };
  }

  private divergence(text: string): void {
    this.record.divergences.push(text);
    this.log(`DIVERGENCE ${text}`);
  }

  private at(t = Date.now()): string {
    return `${((t - this.t0) / 1000).toFixed(1)} s`;
  }

  private async every(ms: number, fn: () => unknown): Promise<void> {
    while (!this.stopped) {
      const next = Date.now() + ms;
      await fn();
      await sleep(next - Date.now());
    }
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
