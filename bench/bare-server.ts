// Child of bench/api: the baseline, a bare node:http server in its own process sending the same bytes
// with the same ETag, answering 304 when it matches. Tells its port to the parent.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const [file, etag] = process.argv.slice(2) as [string, string];
const body = readFileSync(file);
const server = http.createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ETag: etag });
    return res.end();
  }
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length, ETag: etag });
  res.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
