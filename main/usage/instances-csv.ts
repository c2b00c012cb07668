// The usage history for spreadsheets: RFC 4180 (CRLF, fields quoted when they hold a comma, quote or line
// break), UTF-8 with a BOM so Excel reads the names right, one row per instance. A cell a spreadsheet would
// take for a formula (=, +, -, @ first) is prefixed with an apostrophe: a topic is data, never code. Pure.
import type { UsageInstance } from '../../shared/api-schema.js';

const HEADER = ['uuid', 'meetingId', 'topic', 'hostName', 'startedAt', 'endedAt', 'minutesLive', 'peakParticipants', 'tookPart', 'participantMinutes', 'endedBy'];

export function csvCell(value: string | number | null): string {
  if (value == null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows of instances as they overlap the window (a live one until `now`), with their minutes live in it. */
export function instancesCsv(instances: readonly UsageInstance[], from: number, to: number, now: number): string {
  const rows = [HEADER.join(',')];
  for (const i of instances) {
    const start = Math.max(Date.parse(i.startedAt), from);
    const end = Math.min(i.endedAt == null ? now : Date.parse(i.endedAt), to);
    if (end <= start) continue;
    const minutes = Math.round(((end - start) / 60_000) * 100) / 100;
    rows.push([i.uuid, i.meetingId, i.topic, i.hostName, i.startedAt, i.endedAt, minutes, i.peakParticipants, i.tookPart ?? null, i.participantMinutes, i.endedBy].map(csvCell).join(','));
  }
  return '\ufeff' + rows.join('\r\n') + '\r\n';
}
