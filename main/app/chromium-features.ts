// The Chromium features the desktop app turns off: each costs the dashboard work and gives a desktop app
// nothing. Pure, so bench/render runs Chromium exactly as the app does.

/**
 * - NavigationPredictor: Blink watches a random 1 in 100 of a page's http(s) links (Browser, a personal room's
 *   Join) with an intersection observer delayed 100 ms, to feed Chrome's preloading, which Electron has no part
 *   of. While the lists change, that observer asks for a frame with nothing to draw every ~100 ms. At a
 *   display's 60 Hz that frame only takes a beat nobody was waiting for; where frames are not paced, a change
 *   arriving just after it waits ~15 ms for its own (bench/render's "work alone" figure, in Chrome).
 */
export const DISABLED_CHROMIUM_FEATURES: readonly string[] = ['NavigationPredictor'];

/** A `--disable-features` or `--enable-features` value: the features given (by a user's own switch) and ours,
 * each once. */
export function featuresValue(given: string, ours: readonly string[]): string {
  const names = [...given.split(','), ...ours].map((n) => n.trim()).filter(Boolean);
  return [...new Set(names)].join(',');
}

/** The value for `--disable-features`: the user's and ours. */
export function disableFeaturesValue(given = ''): string {
  return featuresValue(given, DISABLED_CHROMIUM_FEATURES);
}
