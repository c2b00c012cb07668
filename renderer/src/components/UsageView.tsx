// Usage: how the rooms were really used — the most meetings live at once per day (against the licenses,
// when known), when the rooms are busy (weekday x hour), the most used rooms and the ones nobody used.
// Loaded on demand (its own chunk), so the dashboard's first paint does not carry it. Every chart has a
// table beside it for screen readers and copy-paste; colours come from the theme (light and dark).
import { useEffect, useState } from 'preact/hooks';
import type { UsageReport } from '../../../shared/api-schema.js';
import { api } from '../api.js';

const RANGES = [7, 30, 90] as const;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const hours = (h: number) => (h >= 10 ? `${Math.round(h)} h` : `${h.toFixed(1)} h`);
const shortDay = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString([], { month: 'short', day: 'numeric', timeZone: 'UTC' });

function PeakChart({ r }: { r: UsageReport }) {
  const days = r.peakByDay;
  // Headroom above the tallest bar or the license line, so neither touches the caption.
  const top = Math.max(1, r.licenses ?? 0, ...days.map((d) => d.peakConcurrent)) * 1.15;
  const w = 100 / Math.max(1, days.length);
  const y = (n: number) => 100 - (n / top) * 100;
  const summary = `Most meetings live at once: ${r.totals.peakConcurrent}${r.licenses ? ` of ${r.licenses} licenses` : ''}.`;
  return (
    <figure class="usage-chart">
      <figcaption>Meetings live at once, per day (the most in each)</figcaption>
      <svg viewBox="0 0 100 100" preserveAspectRatio="none" role="img" aria-label={summary} class="bars">
        {days.map((d, i) => (
          <rect key={d.day} x={i * w + w * 0.15} width={w * 0.7} y={y(d.peakConcurrent)} height={100 - y(d.peakConcurrent)}>
            <title>{`${shortDay(d.day)}: ${d.peakConcurrent}`}</title>
          </rect>
        ))}
        {r.licenses != null && <line x1="0" x2="100" y1={y(r.licenses)} y2={y(r.licenses)} class="licenses" vector-effect="non-scaling-stroke" />}
      </svg>
      <div class="axis" aria-hidden="true">
        <span>{days[0] && shortDay(days[0].day)}</span>
        {r.licenses != null && <span class="legend">– – {r.licenses} licenses</span>}
        <span>{days.at(-1) && shortDay(days.at(-1)!.day)}</span>
      </div>
      <details>
        <summary>As a table</summary>
        <table>
          <thead><tr><th scope="col">Day</th><th scope="col">Most at once</th></tr></thead>
          <tbody>{days.map((d) => <tr key={d.day}><td>{d.day}</td><td>{d.peakConcurrent}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}

function Heatmap({ r }: { r: UsageReport }) {
  const top = Math.max(0.01, ...r.heatmap.flat());
  return (
    <figure class="usage-chart">
      <figcaption>When the rooms are busy: hours live by weekday and hour ({tz})</figcaption>
      <div class="heatmap" role="img" aria-label={`Busiest: ${busiest(r)}`}>
        {r.heatmap.map((row, d) => (
          <div class="heat-row" key={WEEKDAYS[d]}>
            <span class="heat-day">{WEEKDAYS[d]}</span>
            {row.map((h, hour) => (
              <span key={hour} class="heat-cell" style={`--v:${Math.round((h / top) * 100)}%`} title={`${WEEKDAYS[d]} ${String(hour).padStart(2, '0')}:00 — ${hours(h)}`} />
            ))}
          </div>
        ))}
        <div class="heat-row heat-hours" aria-hidden="true"><span class="heat-day" />{[0, 6, 12, 18].map((h) => <span key={h} class="heat-hour" style={`grid-column:${h + 2}`}>{h}</span>)}</div>
      </div>
      <details>
        <summary>As a table</summary>
        <table class="heat-table">
          <thead><tr><th scope="col">Day</th>{Array.from({ length: 24 }, (_, h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
          <tbody>{r.heatmap.map((row, d) => <tr key={d}><th scope="row">{WEEKDAYS[d]}</th>{row.map((h, i) => <td key={i}>{h || ''}</td>)}</tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}

function busiest(r: UsageReport): string {
  let best = { d: 0, h: 0, v: -1 };
  r.heatmap.forEach((row, d) => row.forEach((v, h) => v > best.v && (best = { d, h, v })));
  return best.v > 0 ? `${WEEKDAYS[best.d]} at ${String(best.h).padStart(2, '0')}:00 (${hours(best.v)})` : 'no meeting in this window';
}

/** The most in a room at once, where the app saw it live; else how many took part, as Zoom's summary of a past
 * meeting counts (everyone who joined, not the most at once), said as such. */
function MostPeople({ g }: { g: UsageReport['groups'][number] }) {
  if (g.peakParticipants != null) return <>{g.peakParticipants}</>;
  if (g.tookPart != null) return <span class="muted" title="From Zoom's summary of past meetings: everyone who took part, not the most at once">{g.tookPart} took part</span>;
  return <>—</>;
}

function Rooms({ r }: { r: UsageReport }) {
  return (
    <div class="usage-rooms">
      <section aria-labelledby="top-rooms-h">
        <h3 id="top-rooms-h">Most used rooms</h3>
        {r.groups.length === 0 ? <p class="muted">No meeting in this window.</p> : (
          <table>
            <thead><tr><th scope="col">Room</th><th scope="col">Meetings</th><th scope="col">Hours</th><th scope="col">Most people</th></tr></thead>
            <tbody>{r.groups.slice(0, 10).map((g) => <tr key={g.key}><td>{g.label}</td><td>{g.meetings}</td><td>{g.hoursLive}</td><td><MostPeople g={g} /></td></tr>)}</tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="idle-rooms-h">
        <h3 id="idle-rooms-h">Rooms nobody used ({r.idleRooms.length})</h3>
        {r.idleRooms.length === 0 ? <p class="muted">Every room was used.</p> : <ul class="idle">{r.idleRooms.map((x) => <li key={x.meetingId}>{x.topic || x.meetingId}{x.hostName && <span class="muted"> · {x.hostName}</span>}</li>)}</ul>}
      </section>
    </div>
  );
}

function lastDays(days: number): { from: string; to: string } {
  const to = new Date();
  return { from: new Date(to.getTime() - days * 86_400_000).toISOString(), to: to.toISOString() };
}

export function UsageView({ onClose }: { onClose: () => void }) {
  const [days, setDays] = useState<number>(30);
  const [report, setReport] = useState<UsageReport | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let gone = false;
    setError('');
    const w = lastDays(days);
    api.usage(w.from, w.to, tz).then(
      (r) => !gone && setReport(r),
      (e: unknown) => !gone && setError(e instanceof Error ? e.message : 'Usage could not be read.'),
    );
    return () => void (gone = true);
  }, [days]);
  const w = lastDays(days);
  const r = report;
  return (
    <main class="usage scroller" aria-busy={!r && !error}>
      <div class="usage-head">
        <h2 class="usage-title">Usage</h2>
        <label class="sr-only" for="range">Window</label>
        <select id="range" value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))}>
          {RANGES.map((d) => <option key={d} value={String(d)}>Last {d} days</option>)}
        </select>
        <a class="btn" href={`/api/v1/usage/instances.csv?from=${encodeURIComponent(w.from)}&to=${encodeURIComponent(w.to)}`} download>Download CSV</a>
        <button type="button" class="btn" onClick={onClose}>Back to the sessions</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {!r && !error && <p class="muted">Reading the history…</p>}
      {r && (
        <>
          <p class="usage-summary">
            {r.totals.meetings} meetings, {hours(r.totals.hoursLive)} live.{' '}
            {r.licenses != null
              ? `At most ${r.totals.peakConcurrent} of your ${r.licenses} licenses were used at once.`
              : `At most ${r.totals.peakConcurrent} meetings were live at once.`}
            {r.historySince && Date.parse(r.historySince) > Date.parse(r.from) + 86_400_000 && ` History begins ${new Date(r.historySince).toLocaleDateString()}: when the app first watched this account.`}
          </p>
          <PeakChart r={r} />
          <Heatmap r={r} />
          <Rooms r={r} />
        </>
      )}
    </main>
  );
}
