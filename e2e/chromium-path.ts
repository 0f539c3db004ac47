// Where the Chromium for e2e tests is: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] ?? DEFAULT_CHROMIUM;
}
