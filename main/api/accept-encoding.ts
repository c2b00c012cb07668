// Whether a client takes a content coding (RFC 9110 §12.5.3): a coding listed with q=0 is refused, `*`
// stands for every coding not listed, x-gzip is gzip, and a header that names none takes none.
export type Coding = 'br' | 'gzip';

export function acceptsEncoding(header: string | undefined, coding: Coding): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.toLowerCase().split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim() === 'x-gzip' ? 'gzip' : rawName.trim();
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const takes = q == null || Number(q.slice(2)) > 0; // an unreadable weight is read as a refusal
    if (name === coding) return takes;
    if (name === '*') star = takes;
  }
  return star;
}
