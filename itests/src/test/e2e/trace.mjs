// The console's Trace page in a real browser: headless Chromium (Debian's) driven by playwright-core.
//
// Run by TraceConsoleIT against a running Conflux where the message with business key $KEY failed in a flow and
// was dead-lettered on $DLQ (the flow is fixed since). As the operator: search the key on the Trace page and see the
// timeline and "Now: in the DLQ"; follow the link to the dead letter, which is selected on the Dead letters page, and
// retry it there; the trace then shows the retry with the operator's name and a link to its audit entry, which the
// Audit page marks. The search lists the failed traces of the last hour. As the viewer: the same search works.
// Saves trace-dead-letter.png, trace-retried.png and trace-search.png into $SCREENSHOTS. Exits non-zero, saying
// what failed, if a step fails.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const env = (name) => {
  const v = process.env[name];
  if (!v) { throw new Error(`environment variable ${name} is not set`); }
  return v;
};
const CONSOLE = env('CONFLUX_CONSOLE');            // http://127.0.0.1:PORT/hawtio
const SHOTS = env('SCREENSHOTS');
const KEY = env('KEY');                           // the business key of the poison order
const DLQ = env('DLQ');
const OPERATOR = env('OPERATOR_USER');
const TIMEOUT = 30_000;

mkdirSync(SHOTS, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

async function step(name, fn) {
  process.stdout.write(`- ${name} ... `);
  await fn();
  console.log('ok');
}

let current; // the page in use, for a screenshot when a step fails

async function login(user, password) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  current = page;
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${CONSOLE}/login`);
  await page.fill('input[ng-model="$ctrl.entity.username"]', user);
  await page.fill('input[ng-model="$ctrl.entity.password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('a:text-is("Conflux") >> visible=true');
  await page.waitForURL((u) => !/\/hawtio\/?$/.test(u.pathname) && !u.pathname.endsWith('/login'));
  return page;
}

async function openTab(page, tab) {
  if (!(await page.locator(`#conflux-tab-${tab}`).isVisible())) {
    await page.click('a:text-is("Conflux") >> visible=true');
    await page.waitForSelector(`#conflux-tab-${tab} >> visible=true`);
  }
  await page.click(`#conflux-tab-${tab}`);
}

async function search(page, text, { failedOnly = false, since = null } = {}) {
  await page.fill('input.conflux-trace-text', text);
  await page.setChecked('input.conflux-trace-failed', failedOnly);
  if (since !== null) {
    await page.selectOption('select.conflux-trace-since', { label: since });
  }
  await page.click('button.conflux-trace-search');
}

/** Searches again until the timeline has a hop of that kind (hops are written in batches, a moment later). */
async function awaitHop(page, kind) {
  const deadline = Date.now() + TIMEOUT;
  const row = page.locator(`table.conflux-trace-hops tr[data-kind="${kind}"]`);
  while (!(await row.count())) {
    if (Date.now() > deadline) {
      throw new Error(`no ${kind} hop in the timeline: ${await page.locator('.conflux-trace').innerText()}`);
    }
    await page.click('button.conflux-trace-search');
    await row.first().waitFor({ timeout: 2_000 }).catch(() => {});
  }
  return row.last();
}

const timeline = (page) => page.locator('.conflux-trace-timeline');

try {
  const operator = await login(OPERATOR, env('OPERATOR_PASSWORD'));

  await step(`operator searches ${KEY} and sees its failures, the dead-lettering and where it is now`, async () => {
    await openTab(operator, 'trace');
    await search(operator, KEY);
    await awaitHop(operator, 'DEAD_LETTERED');
    const text = await timeline(operator).innerText();
    for (const expected of [KEY, DLQ]) {
      if (!text.includes(expected)) { throw new Error(`the timeline does not show '${expected}': ${text}`); }
    }
    await operator.locator('.conflux-trace-position[data-state="DEAD_LETTERED"]').waitFor();
    await operator.screenshot({ path: `${SHOTS}/trace-dead-letter.png`, fullPage: true });
  });

  await step('the link leads to the dead letter, selected on the Dead letters page, and the operator retries it', async () => {
    await operator.click('.conflux-trace-position a.conflux-trace-open-dlq');
    await operator.locator('.conflux-tabs li.active #conflux-tab-deadletters').waitFor();
    const row = operator.locator('table.conflux-dlq tr.info');
    await row.waitFor();
    if (!(await row.locator('input.conflux-select').isChecked())) { throw new Error('the dead letter is not selected'); }
    await operator.locator('button.conflux-retry:text("Retry selected (1)")').click();
    await operator.locator('.conflux-done', { hasText: 'sent back to their queue' }).waitFor();
  });

  await step('the trace shows the retry with the operator and a link to the audit entry', async () => {
    await operator.goto(`${CONSOLE}/#/conflux?tab=trace&key=${encodeURIComponent(KEY)}`);
    await operator.locator('.conflux-tabs li.active #conflux-tab-trace').waitFor();
    const retried = await awaitHop(operator, 'RETRIED');
    const text = await retried.innerText();
    if (!text.includes(OPERATOR)) { throw new Error(`the RETRIED hop does not name ${OPERATOR}: ${text}`); }
    await operator.screenshot({ path: `${SHOTS}/trace-retried.png`, fullPage: true });
    await retried.locator('a.conflux-trace-audit-link').click();
    await operator.locator('.conflux-tabs li.active #conflux-tab-audit').waitFor();
    await operator.locator('table.conflux-audit tr.info', { hasText: 'deadletter.retry' }).filter({ hasText: OPERATOR }).waitFor();
  });

  await step('the failed traces of the last hour are listed, and one opens on a click', async () => {
    await openTab(operator, 'trace');
    await search(operator, '', { failedOnly: true, since: 'last hour' });
    const result = operator.locator('table.conflux-trace-results tbody tr', { hasText: KEY });
    await result.waitFor();
    if (!(await result.innerText()).includes('failed')) { throw new Error('the result is not marked failed'); }
    await result.click();
    await timeline(operator).filter({ hasText: KEY }).waitFor();
    await operator.screenshot({ path: `${SHOTS}/trace-search.png`, fullPage: true });
  });
  await operator.context().close();

  const viewer = await login(env('VIEWER_USER'), env('VIEWER_PASSWORD'));
  await step('the viewer may search traces too', async () => {
    await openTab(viewer, 'trace');
    await search(viewer, KEY);
    await awaitHop(viewer, 'RETRIED');
  });
  await viewer.context().close();
  console.log('TRACE OK');
} catch (e) {
  console.log('FAILED');
  console.error(e.stack || String(e));
  if (current) {
    await current.screenshot({ path: `${SHOTS}/trace-failure.png`, fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
