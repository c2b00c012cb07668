// bench/render: in Chromium, the dashboard with 10 000 sessions (200 live), timed to the frame that shows the result:
// - page open -> first row painted (from navigation start);
// - the list's arrival (its bytes read and decoded, not yet parsed) -> first row painted, and each of 300
//   changes pushed over SSE -> the next frame after the DOM changed (requestAnimationFrame, then a task: the
//   frame has been produced);
// beside a baseline doing the same work minimally on the same origin, list and stream: parse, sort, draw the
// rows a viewport shows, and per change update that row's text.
// With frames paced by the display (60 Hz: a change that arrives just after a frame waits up to 16.7 ms for
// the next one, whatever the code does), and with frames unpaced (--disable-frame-rate-limit,
// --disable-gpu-vsync: a frame is made as soon as there is something to draw, but not sooner than ~16 ms after
// the last), which times the work alone. Each in Chromium as the desktop app runs it, and as Chrome comes: there
// the navigation predictor draws empty frames while the page changes, and in a run where it watches one of the
// page's https links, a change that comes just after one waits for the next frame (unpaced only; paced, the
// change waits for the display's beat anyway).
import { makeSession } from '../test/helpers/sessions.js';
import { startApi } from '../test/helpers/api.js';
import { DEFAULT_RENDERER_DIR } from '../main/service.js';
import type { BrowserContext } from 'playwright';
import { launchChromium } from '../test/helpers/browser.js';
import { quantile } from './quantile.js';
import { disableFeaturesValue } from '../main/app/chromium-features.js';

const N = 10_000;
const CHANGES = 300; // of 100, the p99 would be the second-slowest frame alone
const LIVE = N / 50;
const roomTopic = (i: number) => `Room ${i} — ${['Maths', 'Ops bridge', 'Telehealth', 'Office hours'][i % 4]}`;
const sessions = Array.from({ length: N - LIVE }, (_, i) => makeSession(String(81_000_000_000 + i), { topic: roomTopic(i) }));
const a = await startApi({ sessions, rendererDir: DEFAULT_RENDERER_DIR });
// The live ones are live in "Zoom" (the simulator), so every live check keeps all of them on the page.
const rooms = a.h.sim.account.addUser({ email: 'rooms@example.com' });
for (let i = N - LIVE; i < N; i++) a.h.sim.account.start(a.h.sim.account.addMeeting({ hostId: rooms.id, topic: roomTopic(i) }).id, 3);
await a.engine.pollLive();
type Timing = { open: number | null; first: number; changes: number[] };

/** What the pages report, as they report it: each time is sent out through a binding when it is known, so
 * nothing polls inside the page being timed (a Playwright locator's text search there cost ~2.6 ms a change,
 * in the very frames being measured). */
function frameLog() {
  const got: Record<Kind, number[]> = { open: [], snapshot: [], session: [], baseFirst: [], baseChange: [] };
  let wake = () => {};
  return {
    got,
    record: (kind: Kind, ms: number) => {
      got[kind].push(ms);
      wake();
    },
    /** Until `kind` has `n` times. */
    async until(kind: Kind, n: number): Promise<void> {
      while (got[kind].length < n) await new Promise<void>((r) => (wake = r));
    },
  };
}
type Kind = 'open' | 'snapshot' | 'session' | 'baseFirst' | 'baseChange';

/** A pause of 0-17 ms before each change: changes sent the moment the last frame was seen arrive at the same
 * point of the display's 16.7 ms beat every time, which made a page's paced figures luck of that phase. */
const offBeat = () => new Promise((r) => setTimeout(r, Math.random() * 17));

// Runs in the page before its own code: calls `fn` with the time of the frame after the current task (the
// frame has been produced once a task queued from requestAnimationFrame runs).
const AFTER_FRAME = `const afterFrame = (fn) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => fn(performance.now()); ch.port2.postMessage(0); });`;

async function measure(label: string, args: string[]): Promise<{ ours: Timing; plain: Timing }> {
  const browser = await launchChromium(args, { trace: false });
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const log = frameLog();
  await ctx.exposeFunction('__zsFrame', log.record);
  // An event's arrival (the dashboard marks it) arms a timer that stops at the frame after the next DOM
  // change; the first row's appearance is timed from navigation start the same way.
  await ctx.addInitScript(`(() => {
    ${AFTER_FRAME}
    let pending = null, firstRow = false;
    const mark = performance.mark.bind(performance);
    performance.mark = (name, ...rest) => {
      if (name === 'zs:snapshot' || name === 'zs:session') pending = { kind: name.slice(3), at: performance.now() };
      return mark(name, ...rest);
    };
    new MutationObserver(() => {
      if (!firstRow && document.querySelector('[role="listitem"]')) { firstRow = true; afterFrame((t) => window.__zsFrame('open', t)); }
      const p = pending;
      if (!p) return;
      pending = null;
      afterFrame((t) => window.__zsFrame(p.kind, t - p.at));
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
  const page = await ctx.newPage();
  await page.goto(`${a.url}/?token=${a.auth.newLoginCode()}`);
  await log.until('open', 1);
  await log.until('snapshot', 1);

  // The changes, one at a time, each a new participant count in a live meeting, pushed over SSE; each
  // checked on the page once its frame is timed.
  const host = a.h.sim.account.addUser({ email: `bench${runs.length}@example.com` });
  const topic = `Render bench, ${label}`;
  const m = a.h.sim.account.addMeeting({ hostId: host.id, topic });
  a.h.sim.account.start(m.id, 1);
  await a.engine.pollLive();
  const row = page.locator('[role="listitem"]', { hasText: topic });
  await row.waitFor();
  const before = log.got.session.length;
  for (let i = 0; i < CHANGES; i++) {
    await offBeat();
    a.h.sim.account.join(m.id, 1);
    await a.engine.pollLive();
    await log.until('session', before + i + 1);
    await row.getByText(`${i + 2} people`).waitFor();
  }
  const ours: Timing = { open: log.got.open[0]!, first: log.got.snapshot[0]!, changes: log.got.session.slice(before) };
  const plain = await baselineTimes(ctx, log, m.id);
  await browser.close();
  return { ours, plain };
}

/** The baseline on a page of the same origin (the API's own JSON page, no dashboard code): the same list and
 * stream, parsed and sorted as ours does, the rows one viewport shows drawn as plain DOM, and per change the row's
 * text set; each timed to the next frame the same way, and checked the same way. */
async function baselineTimes(ctx: BrowserContext, log: ReturnType<typeof frameLog>, meetingId: number): Promise<Timing> {
  const base = await ctx.newPage();
  await base.goto(`${a.url}/api/v1/isalive`);
  await base.evaluate(`(() => {
    ${AFTER_FRAME}
    const rows = new Map();
    const list = document.createElement('div');
    document.body.replaceChildren(list);
    const text = (s) => s.topic + ' · ' + s.meetingId + ' · ' + (s.status === 'live' ? s.participants + ' people' : 'available');
    const listen = (es) =>
      es.addEventListener('session', (e) => {
        const t0 = performance.now();
        const { session } = JSON.parse(e.data);
        let row = rows.get(session.meetingId);
        if (!row) {
          row = document.createElement('div');
          row.dataset.meetingId = session.meetingId;
          rows.set(session.meetingId, row);
          list.prepend(row);
        }
        row.textContent = text(session);
        afterFrame((t) => window.__zsFrame('baseChange', t - t0));
      });
    // Loaded as the dashboard loads: the list, then the stream after its event id.
    fetch('/api/v1/sessions', { credentials: 'same-origin', cache: 'no-store' }).then(async (res) => {
      const json = new TextDecoder().decode(await res.arrayBuffer());
      const t0 = performance.now();
      const { sessions } = JSON.parse(json);
      sessions.sort((x, y) => (x.status !== y.status ? (x.status === 'live' ? -1 : 1) : x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : 0));
      for (const s of sessions.slice(0, 40)) {
        const row = document.createElement('div');
        row.dataset.meetingId = s.meetingId;
        row.textContent = text(s);
        rows.set(s.meetingId, row);
        list.appendChild(row);
      }
      afterFrame((t) => window.__zsFrame('baseFirst', t - t0));
      listen(new EventSource('/api/v1/events?after=' + encodeURIComponent(res.headers.get('X-Event-Id')), { withCredentials: true }));
    });
  })()`);
  await log.until('baseFirst', 1);
  const row = base.locator(`[data-meeting-id="${meetingId}"]`);
  const before = log.got.baseChange.length;
  for (let i = 0; i < CHANGES; i++) {
    await offBeat();
    a.h.sim.account.join(meetingId, 1);
    await a.engine.pollLive();
    await log.until('baseChange', before + i + 1);
    await row.getByText(`${CHANGES + i + 2} people`).waitFor();
  }
  return { open: null, first: log.got.baseFirst[0]!, changes: log.got.baseChange.slice(before) };
}

// Chromium as the desktop app runs it (its features off), and as a browser comes: the last --disable-features
// given wins, so each names its whole list and neither keeps Playwright's (a test harness's, for neither).
const browsers = [
  ['the desktop app', [`--disable-features=${disableFeaturesValue()}`]],
  ['Chrome as it comes', ['--disable-features=']],
] as const;
const pacing = [
  ['frames paced by the display (60 Hz)', []],
  ['frames unpaced: the work alone', ['--disable-frame-rate-limit', '--disable-gpu-vsync']],
] as const;
const runs: { label: string; ours: Timing; plain: Timing }[] = [];
for (const [paced, pacedArgs] of pacing) {
  for (const [chromium, features] of browsers) {
    const label = `${chromium}, ${paced}`;
    runs.push({ label, ...(await measure(label, [...pacedArgs, ...features])) });
  }
}
await a.stop();

const q = quantile;
console.log(`Dashboard in Chromium, ${N} sessions, ${CHANGES} changes pushed over SSE; every time to the next frame`);
for (const { label, ours, plain } of runs) {
  console.log(`\n${label}: page open -> first row painted (ours): ${ours.open!.toFixed(0)} ms`);
  console.log('| | list arrived -> first row (ms) | change p50 (ms) | change p99 (ms) | change max (ms) |');
  console.log('|---|---:|---:|---:|---:|');
  const line = (name: string, t: Timing) => `| ${name} | ${t.first.toFixed(0)} | ${q(t.changes, 0.5).toFixed(1)} | ${q(t.changes, 0.99).toFixed(1)} (target <= 16) | ${Math.max(...t.changes).toFixed(1)} |`;
  console.log(line('ours: Preact, sorted index, virtualised list', ours));
  console.log(line('baseline: parse, sort, one viewport of plain rows', plain));
  console.log(`ratios ours/baseline: first row ${(ours.first / plain.first).toFixed(2)}, change p99 ${(q(ours.changes, 0.99) / q(plain.changes, 0.99)).toFixed(2)}`);
}
