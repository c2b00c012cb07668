// Child of bench/api, several at once so that no one process plays every client: opens N SSE connections
// and records, for each `session` event of the "Fan-out" meeting, its count and its delay. Snapshot frames are
// skipped as they stream by (never held whole), so 500 x 3.7 MB does not turn into collector work.
import http from 'node:http';

const [url, token, countText] = process.argv.slice(2) as [string, string, string];
const count = Number(countText);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let ready = 0;
/** Per "Fan-out" change: its count, and ms from the engine's commit (the session's updatedAt) to arrival. */
const arrivals: { participants: number; latency: number }[] = [];
// Arrivals are sent back in one message when asked, so reporting does not slow receiving.
process.on('message', () => process.send!(arrivals));

const END = Buffer.from('\n\n');

for (let i = 0; i < count; i++) {
  http.get(url, { agent, headers: { SECURITY_TOKEN_AUTHENTICATION_KEY: token, Accept: 'text/event-stream' } }, (res) => {
    let frame: Buffer[] = [];
    let head = ''; // the first bytes of the current frame: enough to know its event name
    let skipping = false;
    let snapshotSeen = false;
    res.on('data', (chunk: Buffer) => {
      const at = performance.timeOrigin + performance.now();
      let from = 0;
      while (from < chunk.length) {
        const end = chunk.indexOf(END, from);
        const part = chunk.subarray(from, end < 0 ? chunk.length : end);
        if (!skipping) {
          if (head.length < 200) head += part.subarray(0, 200).toString();
          if (head.includes('event: snapshot')) skipping = true;
          else frame.push(part);
        }
        if (end < 0) break;
        // A frame is complete.
        if (skipping && !snapshotSeen) {
          snapshotSeen = true;
          if (++ready === count) process.send!('ready');
        } else if (!skipping && head.includes('event: session')) {
          const text = Buffer.concat(frame).toString();
          if (text.includes('"Fan-out"')) {
            const data = JSON.parse(text.slice(text.indexOf('data: ') + 6)) as { session: { participants: number; updatedAt: string } };
            arrivals.push({ participants: data.session.participants, latency: at - Date.parse(data.session.updatedAt) });
          }
        }
        frame = [];
        head = '';
        skipping = false;
        from = end + END.length;
      }
    });
  });
}
