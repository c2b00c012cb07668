// One HTTP exchange with Zoom over node:http/https: a deadline for the whole answer, compressed answers
// decoded, JSON parsed. Zoom's REST API needs nothing more, and axios cost ~25 MB and ~0.3 s at start
// (it touches globalThis.Request on import, which loads Node's fetch).
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

export interface HttpJsonRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange, from connecting to the last byte. */
  timeoutMs: number;
  agent?: http.Agent;
}

export interface HttpJsonReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The parsed JSON; the text when it is not JSON; undefined for an empty body. */
  data: unknown;
}

/** Larger than any page Zoom sends (300 meetings is ~0.3 MB); a bigger answer is refused, not held. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** Keep-alive agents: a sync round is several calls in a row to the same host. */
export function keepAliveAgents(): { http: http.Agent; https: https.Agent } {
  return { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
}

const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

function decoded(res: http.IncomingMessage): NodeJS.ReadableStream {
  switch (String(res.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

function parsed(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Resolves with any HTTP status; rejects only below HTTP, with an errno-style `code` (ETIMEDOUT, ECONNRESET…). */
export function requestJson(req: HttpJsonRequest): Promise<HttpJsonReply> {
  const url = new URL(req.url);
  const lib = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Encoding': 'gzip, deflate, br', ...req.headers };
  if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      fn();
    };
    const fail = (e: Error) => settle(() => reject(e));
    const abort = (e: Error) => {
      fail(e);
      call.destroy();
    };
    const call = lib.request(url, { method: req.method, headers, agent: req.agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const body = decoded(res);
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          abort(failure('ERR_ANSWER_TOO_LARGE', `the answer is larger than ${MAX_ANSWER_BYTES >> 20} MB`));
          return;
        }
        chunks.push(chunk);
      });
      body.on('error', (e: Error) => fail(e));
      res.on('error', (e: Error) => fail(e));
      body.on('end', () => settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, data: parsed(Buffer.concat(chunks).toString('utf8')) })));
    });
    const deadline = setTimeout(() => abort(failure('ETIMEDOUT', `no answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    call.on('error', fail);
    call.end(req.body);
  });
}
