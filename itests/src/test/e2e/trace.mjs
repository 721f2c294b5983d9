// The console's Trace page in a real browser: headless Chromium (Debian's) driven by playwright-core.
//
// Run by TraceConsoleIT against a running Conflux where the message with business key $KEY failed in a flow and
// was dead-lettered on $DLQ (the flow is fixed since). As the operator: search the key on the Trace page and see the
// timeline (the flow's failures with the failing step, the dead-lettering) and "Now: in the DLQ"; follow the link to
// the dead letter, which is selected on the Dead letters page, and retry it there; the trace then shows the retry with
// the operator's name and a link to its audit entry (which the Audit page marks), then the flow's completion. The
// search lists the failed traces of the last hour. As the viewer: the same search works.
// Saves trace-dead-letter.png, trace-retried.png and trace-search.png into $SCREENSHOTS. Exits non-zero, saying
// what failed, if a step fails.
import { launch, login as logIn, openTab, TIMEOUT, env, step } from './session.mjs';
import { mkdirSync } from 'node:fs';

const CONSOLE = env('CONFLUX_CONSOLE');            // http://127.0.0.1:PORT/hawtio
const SHOTS = env('SCREENSHOTS');
const KEY = env('KEY');                           // the business key of the poison order
const DLQ = env('DLQ');
const OPERATOR = env('OPERATOR_USER');

mkdirSync(SHOTS, { recursive: true });
const browser = await launch();

let current; // the page in use, for a screenshot when a step fails

async function login(user, password) {
  current = await logIn(browser, CONSOLE, user, password);
  return current;
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

/** Searches again until the timeline's last hop is of that kind. */
async function awaitLastHop(page, kind) {
  const deadline = Date.now() + TIMEOUT;
  const last = page.locator(`table.conflux-trace-hops tbody tr:last-child[data-kind="${kind}"]`);
  while (!(await last.count())) {
    if (Date.now() > deadline) {
      throw new Error(`the timeline does not end with ${kind}: ${await page.locator('.conflux-trace').innerText()}`);
    }
    await page.click('button.conflux-trace-search');
    await last.waitFor({ timeout: 2_000 }).catch(() => {});
  }
}

const timeline = (page) => page.locator('.conflux-trace-timeline');

try {
  const operator = await login(OPERATOR, env('OPERATOR_PASSWORD'));

  await step(`operator searches ${KEY} and sees its failures, the dead-lettering and where it is now`, async () => {
    await openTab(operator, 'trace');
    await search(operator, KEY);
    await awaitHop(operator, 'DEAD_LETTERED');
    const failed = operator.locator('table.conflux-trace-hops tr[data-kind="FAILED"]');
    if (!(await failed.count())) { throw new Error('no FAILED hop before the dead-lettering'); }
    const failure = await failed.first().innerText();
    if (!failure.includes('cannot process') || !/(^|\s)at \S/.test(failure)) {
      throw new Error(`the FAILED hop does not show the error and the failing step: ${failure}`);
    }
    const text = await timeline(operator).innerText();
    for (const expected of [KEY, DLQ]) {
      if (!text.includes(expected)) { throw new Error(`the timeline does not show '${expected}': ${text}`); }
    }
    await operator.locator('.conflux-trace-position[data-state="DEAD_LETTERED"]').waitFor();
    await operator.screenshot({ path: `${SHOTS}/trace-dead-letter.png`, fullPage: true });
  });

  await step('the link leads to the dead letter, selected on the Dead letters page (whose trace link leads back), and the operator retries it', async () => {
    await operator.click('.conflux-trace-position a.conflux-trace-open-dlq');
    await operator.locator('.conflux-tabs li.active #conflux-tab-deadletters').waitFor();
    let row = operator.locator('table.conflux-dlq tr.info');
    await row.waitFor();
    // and back: the dead letter's own trace link searches its JMS message id and shows the same trace
    await row.locator('a.conflux-dlq-trace').click();
    await operator.locator('.conflux-tabs li.active #conflux-tab-trace').waitFor();
    await timeline(operator).filter({ hasText: KEY }).locator('.conflux-trace-position[data-state="DEAD_LETTERED"]').waitFor();
    await operator.click('.conflux-trace-position a.conflux-trace-open-dlq');
    await operator.locator('.conflux-tabs li.active #conflux-tab-deadletters').waitFor();
    row = operator.locator('table.conflux-dlq tr.info');
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
    await awaitLastHop(operator, 'COMPLETED'); // the fixed flow took it from the queue and finished with it
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
