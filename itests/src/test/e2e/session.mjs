// What every console script does first: start Debian's Chromium (via playwright-core), log in to the console as a
// user, and open a page of the Conflux tab; and the helpers each uses (env, step). Shared by the scripts.
import { chromium } from 'playwright-core';

export const TIMEOUT = 30_000;

/** A required environment variable (what the Java test passes); a missing one fails the script at once. */
export const env = (name) => {
  const v = process.env[name];
  if (!v) { throw new Error(`environment variable ${name} is not set`); }
  return v;
};

/** Runs one named check, printing "- name ... ok" (the Java test shows the output when the script fails). */
export async function step(name, fn) {
  process.stdout.write(`- ${name} ... `);
  await fn();
  console.log('ok');
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** A page logged in to the console at $console (http://127.0.0.1:PORT/hawtio) as the user. */
export async function login(browser, console, user, password) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${console}/login`);
  await page.fill('input[ng-model="$ctrl.entity.username"]', user);
  await page.fill('input[ng-model="$ctrl.entity.password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('a:text-is("Conflux") >> visible=true');
  // Hawtio opens its first page once the JMX tree is loaded; only then is a click on a page of ours for good.
  await page.waitForURL((u) => !/\/hawtio\/?$/.test(u.pathname) && !u.pathname.endsWith('/login'));
  return page;
}

/** Opens a page of the Conflux tab (queues, flows, trace, catalog, …). */
export async function openTab(page, tab) {
  if (!(await page.locator(`#conflux-tab-${tab}`).isVisible())) {
    await page.click('a:text-is("Conflux") >> visible=true');
    await page.waitForSelector(`#conflux-tab-${tab} >> visible=true`);
  }
  await page.click(`#conflux-tab-${tab}`);
}
