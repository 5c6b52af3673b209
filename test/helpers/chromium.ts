import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's `chromium` package: Playwright's own browser download cannot reach its host from these
 * machines, so the suites drive the distribution's build (`.ci/run` installs it).
 */
export const chromiumPath = process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Starts a headless Chromium for a browser suite. Throws with the install command when the binary is
 * missing, so a machine without it fails loudly instead of skipping the suite.
 *
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 * await page.goto(runtime.apiUrl);
 * await browser.close();
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: install Debian's package (apt-get install chromium) or set SWITCHBOARD_CHROMIUM`,
    );
  }
  // The sandbox needs user namespaces that containers (and CI, running as root) do not grant.
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
}
