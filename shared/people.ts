// "1 person", "4 people": one wording for the tray, the dashboard and the End dialogs.

/** The count in words; null when Zoom has not told us. */
export function peopleCount(n: number | null): string | null {
  if (n == null) return null;
  return n === 1 ? '1 person' : `${n} people`;
}

/** The same, for a known count. */
export function peopleIn(n: number): string {
  return peopleCount(n)!;
}
