// The Host header, read the same way by the API's door and the simulator's control API. Pure.

/** A Host header as name and port: "Example.com:5000" -> example.com, 5000; "[::1]" -> ::1, null. */
export function parseHost(host: string): { name: string; port: number | null } {
  const h = host.trim().toLowerCase();
  let name = h;
  let port = '';
  if (h.startsWith('[')) {
    const close = h.indexOf(']');
    name = h.slice(1, close > 0 ? close : undefined);
    port = close > 0 && h[close + 1] === ':' ? h.slice(close + 2) : '';
  } else if (h.split(':').length === 2) {
    [name = '', port = ''] = h.split(':');
  }
  return { name, port: /^\d{1,5}$/.test(port) ? Number(port) : port === '' ? null : NaN };
}
