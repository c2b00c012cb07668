// The tray as each OS shows it. Pure.

/** Windows and Linux read '&' in a menu label as the mark of its access key (on Linux Electron turns it into
 * GTK's '_'), so "R&D sync" would show as "RD sync" with D underlined: '&&' shows one '&'. macOS shows labels
 * as they are. */
export function menuLabel(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replace(/&/g, '&&');
}

export interface TrayTheme {
  /** nativeTheme.shouldUseDarkColors: the app's (on Linux, GTK's) light or dark. */
  dark: boolean;
  /** nativeTheme.shouldUseDarkColorsForSystemIntegratedUI (macOS, Windows): the taskbar's. */
  darkSystemUI: boolean;
}

/** The icon's file in assets/: macOS tints a template itself; Windows' taskbar has its own theme, which may
 * differ from the apps' (dark taskbar, light apps is Windows' default); Linux follows the desktop's theme. */
export function trayIconFile(platform: NodeJS.Platform, theme: TrayTheme): string {
  if (platform === 'darwin') return 'trayTemplate.png';
  const dark = platform === 'win32' ? theme.darkSystemUI : theme.dark;
  return dark ? 'tray-dark.png' : 'tray-light.png';
}

/** A left click on the icon opens the window where the OS leaves that click to the app: Windows (its menu is
 * on the right button) and Linux (an activation; where the desktop shows the menu instead, it never comes).
 * macOS opens the menu on any click. */
export function clickOpensWindow(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}
