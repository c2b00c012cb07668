// Child of bench/api: the baseline, a bare node:http server in its own process sending the same bytes as
// ours (the body, and the headers of our 200 and our 304, given as JSON), answering 304 when the ETag
// matches. Tells its port to the parent.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const [file, etag, headersFile] = process.argv.slice(2) as [string, string, string];
const body = readFileSync(file);
const headers = JSON.parse(readFileSync(headersFile, 'utf8')) as { ok: Record<string, string>; notModified: Record<string, string> };
const ok = { ...headers.ok, 'Content-Length': body.length };
const server = http.createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers.notModified);
    return res.end();
  }
  res.writeHead(200, ok);
  res.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
