// bench/render: in Chromium, the dashboard with 10 000 sessions: time to first render and time to apply
// each of 100 changes, beside the same data rendered as a plain HTML table by the same page.
import { makeSession } from '../test/helpers/sessions.js';
import { startApi } from '../test/helpers/api.js';
import { DEFAULT_RENDERER_DIR } from '../main/service.js';
import { launchChromium } from '../test/helpers/browser.js';

const N = 10_000;
const CHANGES = 100;
const sessions = Array.from({ length: N }, (_, i) =>
  makeSession(String(81_000_000_000 + i), { topic: `Room ${i} — ${['Maths', 'Ops bridge', 'Telehealth', 'Office hours'][i % 4]}`, status: i % 50 === 0 ? 'live' : 'available', participants: i % 50 === 0 ? 3 : 0, liveSince: i % 50 === 0 ? new Date().toISOString() : null }),
);
const a = await startApi({ sessions, rendererDir: DEFAULT_RENDERER_DIR });
const browser = await launchChromium();
const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
const page = await ctx.newPage();
await page.goto(`${a.url}/?token=${a.auth.newLoginCode()}`);
await page.locator('[role="listitem"]').first().waitFor();

type Timing = { first: number; changes: number[] };
const ours: Timing = await page.evaluate(`(async () => {
  await new Promise((r) => requestAnimationFrame(r));
  const snap = performance.getEntriesByName('zs:snapshot')[0].startTime;
  const rendered = performance.getEntriesByName('zs:rendered').find((m) => m.startTime > snap).startTime;
  return { first: rendered - snap, changes: [] };
})()`);

// 100 changes, one at a time, each a new participant count in a live meeting, pushed over SSE.
const host = a.h.sim.account.addUser({ email: 'bench@example.com' });
const m = a.h.sim.account.addMeeting({ hostId: host.id, topic: 'Render bench' });
a.h.sim.account.start(m.id, 1);
await a.engine.pollLive();
await page.locator('[role="listitem"]', { hasText: 'Render bench' }).waitFor();
await page.evaluate(() => performance.clearMarks());
for (let i = 0; i < CHANGES; i++) {
  a.h.sim.account.join(m.id, 1);
  await a.engine.pollLive();
  await page.locator('[role="listitem"]', { hasText: 'Render bench' }).getByText(`${i + 2} people`).waitFor();
}
ours.changes = await page.evaluate(`(() => {
  const renders = performance.getEntriesByName('zs:rendered').map((e) => e.startTime);
  return performance.getEntriesByName('zs:session').map((e) => (renders.find((r) => r >= e.startTime) ?? NaN) - e.startTime);
})()`);

// The same page, the same data, as a plain table: parse, build, insert, draw; then 100 cell updates.
const plain: Timing = await page.evaluate(`(async () => {
  const text = await (await fetch('/api/v1/sessions', { credentials: 'same-origin' })).text();
  const t0 = performance.now();
  const { sessions } = JSON.parse(text);
  const table = document.createElement('table');
  const body = document.createElement('tbody');
  for (const s of sessions) {
    const tr = document.createElement('tr');
    for (const v of [s.topic, s.meetingId, s.hostName ?? '', s.status, String(s.participants ?? '')]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  table.appendChild(body);
  document.body.appendChild(table);
  void table.offsetHeight;
  const first = performance.now() - t0;
  await new Promise((r) => requestAnimationFrame(r));
  const changes = [];
  for (let i = 0; i < 100; i++) {
    const c0 = performance.now();
    body.rows[(i * 97) % body.rows.length].cells[4].textContent = String(i);
    void table.offsetHeight;
    changes.push(performance.now() - c0);
  }
  table.remove();
  return { first, changes };
})()`);

await browser.close();
await a.stop();

const q = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
console.log(`Dashboard in Chromium, ${N} sessions (3.7 MB snapshot), ${CHANGES} changes pushed over SSE`);
console.log('| | first render (ms) | change p50 (ms) | change p99 (ms) | change max (ms) |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| ours: Preact, virtualised list (event arrival -> render committed) | ${ours.first.toFixed(0)} (target <= 300) | ${q(ours.changes, 0.5).toFixed(1)} | ${q(ours.changes, 0.99).toFixed(1)} | ${Math.max(...ours.changes).toFixed(1)} (target <= 16) |`);
console.log(`| plain HTML table, same page and data (parse -> layout) | ${plain.first.toFixed(0)} | ${q(plain.changes, 0.5).toFixed(1)} | ${q(plain.changes, 0.99).toFixed(1)} | ${Math.max(...plain.changes).toFixed(1)} |`);
console.log(`ratio first render ours/plain: ${(ours.first / plain.first).toFixed(2)}`);
