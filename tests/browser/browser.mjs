// Debian's chromium driven by playwright-core, and the helpers the dashboard's tests share:
// an axe-core check, screenshots into the build folder and performance lines.
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { requiredEnv } from './server.mjs';

// Imported dynamically so that missing npm packages fail the test with what to do about them,
// rather than with a bare "Cannot find package" from the module loader.
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  throw new Error('The browser tests\' npm packages are not installed (tests/browser/node_modules): ' +
    'run scripts/install-deps', { cause: error });
}
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// Chromium from Debian, never a browser that playwright downloads (this machine has no network
// beyond the package registries). The flags keep it off the network and quiet in a container:
// no sandbox (we run as root, where chromium's sandbox refuses to start), no GPU, and none of
// its background fetches (QUIC, component updates, sync).
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.WHIPCOUNT_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    headless: true,
  });
}

// Runs axe-core on the page as it is now and returns its serious and critical violations (the
// tests assert there are none; the minor and moderate ones are advice, not failures).
export async function axeCheck(page) {
  // Evaluated rather than added as a <script>: the dashboard's Content-Security-Policy rightly
  // refuses scripts it does not serve, and the test must not weaken it to look inside.
  await page.evaluate(await readFile(axePath, 'utf8'));
  const violations = await page.evaluate(async () => {
    const results = await globalThis.axe.run();
    return results.violations.map(({ id, impact, help, nodes }) => ({
      id, impact, help, targets: nodes.map((node) => node.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// The violations as the message of a failed assertion: what is wrong, and where.
export function formatViolations(violations) {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n    at ${v.targets.join('\n    at ')}`)
    .join('\n') || 'no violations';
}

// Saves a full-page PNG into WHIPCOUNT_SCREENSHOT_DIR (the build folder's screenshots/) for a
// person to look at, and prints where.
export async function screenshot(page, name) {
  const dir = requiredEnv('WHIPCOUNT_SCREENSHOT_DIR');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
}

// Reports a duration, e.g. "perf: first render 412 ms". Reported, never asserted: timings on a
// shared 2-core machine are too noisy to fail a build on.
export function perf(label, ms) {
  console.log(`perf: ${label} ${Math.round(ms)} ms`);
}
