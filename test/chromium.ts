/** Debian's chromium for the browser tests, started the same way everywhere: headless, offline, a fresh profile. */
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Without the background-networking flags chromium keeps calling Google's hosts, which this network refuses. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Start chromium with its profile in `profile` (a new empty folder). */
export function launchChromium(profile: string, options: { userAgent?: string; acceptDownloads?: boolean } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, ...options, args: ARGS });
}
