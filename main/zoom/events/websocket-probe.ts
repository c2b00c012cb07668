// One look at a WebSocket subscription: connect, wait for Zoom's build_connection answer, close.
import WebSocket from 'ws';

export async function probeWebSocket(opts: { url: string; subscriptionId: string; token: string; timeoutMs?: number }): Promise<{ ok: true } | { ok: false; why: string }> {
  const url = new URL(opts.url);
  url.searchParams.set('subscriptionId', opts.subscriptionId);
  url.searchParams.set('access_token', opts.token);
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { handshakeTimeout: opts.timeoutMs ?? 10_000 });
    const done = (answer: { ok: true } | { ok: false; why: string }) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => done({ ok: false, why: 'no build_connection answer in time' }), opts.timeoutMs ?? 10_000);
    ws.on('message', (data) => {
      try {
        const msg = JSON.parse((data as Buffer).toString('utf8')) as { module?: string; success?: unknown; content?: unknown };
        if (msg.module !== 'build_connection') return;
        done(msg.success === true ? { ok: true } : { ok: false, why: typeof msg.content === 'string' ? msg.content : 'no reason given' });
      } catch {
        /* not JSON: wait for the answer */
      }
    });
    // Never the URL in the words: it carries the access token.
    ws.on('error', (e) => done({ ok: false, why: e.message.replace(/access_token=[^&\s]+/g, 'access_token=…') }));
    ws.on('close', () => done({ ok: false, why: 'closed without an answer' }));
  });
}
