// Every answer Zoom gives is checked before anything reads it. Proxies, captive portals and flaky links answer
// 200 with an empty body, an HTML page or JSON cut off mid-way; read as Zoom's, such an answer would empty the
// live list or the catalog. The checks are structural, on what the app reads (lists are arrays of objects
// with their ids); Zoom's other fields come and go freely. An answer that fails is a passing fault, like a 5xx.
import { Type, type TSchema } from 'typebox';
import { compiledOnUse } from '../../shared/compiled-on-use.js';

const Page = {
  next_page_token: Type.Optional(Type.String()),
  page_size: Type.Optional(Type.Number()),
  total_records: Type.Optional(Type.Number()),
};

/** A page of a list: its items under `key`. Zoom always sends the list, empty or not; an answer without it
 * is accepted only when it says there is nothing (total_records 0). */
function pageOf(key: string, item: TSchema) {
  return Type.Union([
    Type.Object({ ...Page, [key]: Type.Array(item) }),
    Type.Object({ ...Page, total_records: Type.Literal(0) }),
  ]);
}

const User = Type.Object({ id: Type.String() });
const Meeting = Type.Object({ id: Type.Number() });
const Row = Type.Object({});

/** The answers the app reads, by what it asked. */
export const ZOOM_ANSWERS = {
  users: compiledOnUse(pageOf('users', User)),
  meetings: compiledOnUse(pageOf('meetings', Meeting)),
  participants: compiledOnUse(pageOf('participants', Row)),
  meeting: compiledOnUse(Meeting),
  /** End's answer is 204 with nothing in it; a page in its place is not Zoom's (a portal took the request). */
  nothing: compiledOnUse(Type.Union([Type.Undefined(), Type.Literal('')])),
  token: compiledOnUse(Type.Object({ access_token: Type.String({ minLength: 1 }), expires_in: Type.Optional(Type.Number()), scope: Type.Optional(Type.String()) })),
};

export type ZoomAnswer = keyof typeof ZOOM_ANSWERS;

/** Whether an answer is one Zoom would send for this. */
export function readable(answer: ZoomAnswer, data: unknown): boolean {
  return ZOOM_ANSWERS[answer].Check(data);
}

/** What came instead, in words for the status line: "HTML page, 212 bytes". `data` is what the HTTP layer
 * gives: the parsed JSON, the text when it was not JSON, undefined when there was nothing. Pure. */
export function bodyWords(data: unknown): string {
  if (data === undefined || data === '') return 'empty body';
  if (typeof data === 'string') {
    const bytes = Buffer.byteLength(data);
    if (/^\s*</.test(data)) return `HTML page, ${bytes} bytes`;
    if (/^\s*[[{]/.test(data)) return `cut-off JSON, ${bytes} bytes`;
    return `not JSON, ${bytes} bytes`;
  }
  return 'JSON that is not the answer asked for';
}
