/** The shell around the screens: navigation, loading, failures, theme. */
export const app = {
  navLabel: 'Main',
  version: (version: string) => `Version ${version}`,
  starting: 'Starting Tessera…',
  cannotReach: 'Tessera could not reach its core',
  screenFailed: 'This screen stopped working',
  screenFailedHint:
    'The rest of the app still works. Try opening the screen again; if it fails again, copy the diagnostics from the Logs screen and report it.',
  reopen: 'Open it again',
  copyFailed: 'Could not copy: select the text and copy it by hand.',
};
