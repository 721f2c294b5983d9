// The support console in a real browser: headless Chromium (Debian's) driven by playwright-core.
//
// Run by ConsoleUiIT against a running Conflux that has two dead letters on $DLQ (bodies "$RETRY_BODY" and
// "$REFUSED_BODY") whose cause is already fixed. As the operator: find the dead letter, retry it, see the queue
// depths change and the audit entry. As the viewer: retry the other one and see the server refuse it; read the
// trust inventory (Trust page).
// Saves a screenshot of each console page into $SCREENSHOTS. Exits non-zero, saying what failed, if any step fails.
import { launch, login as logIn, openTab, TIMEOUT, env, step } from './session.mjs';
import { mkdirSync } from 'node:fs';

const CONSOLE = env('CONFLUX_CONSOLE');            // http://127.0.0.1:PORT/hawtio
const SHOTS = env('SCREENSHOTS');
const DLQ = env('DLQ');                           // DLQ.ui.in
const TARGET = env('TARGET_QUEUE');               // ui.out: where the retried message ends up
const RETRY_BODY = env('RETRY_BODY');
const REFUSED_BODY = env('REFUSED_BODY');

mkdirSync(SHOTS, { recursive: true });
const browser = await launch();

let current; // the page in use, for a screenshot when a step fails

async function login(user, password) {
  current = await logIn(browser, CONSOLE, user, password);
  return current;
}

async function depth(page, queue) {
  const cell = page.locator(`table.conflux-queues tr[data-queue="${queue}"] td.depth`);
  return (await cell.count()) === 0 ? 0 : Number((await cell.innerText()).trim());
}

async function waitForDepth(page, queue, expected) {
  const deadline = Date.now() + TIMEOUT;
  let seen;
  while (Date.now() < deadline) {
    seen = await depth(page, queue);
    if (seen === expected) { return; }
    await page.waitForTimeout(500); // the page refreshes every 5 s; poll it until the deadline
  }
  throw new Error(`queue ${queue}: depth ${seen} on the Queues page, expected ${expected}`);
}

function deadLetterRow(page, body) {
  return page.locator('table.conflux-dlq tbody tr', { hasText: body });
}

let retriedId;
try {
  const operator = await login(env('OPERATOR_USER'), env('OPERATOR_PASSWORD'));

  await step('operator sees the queues with the dead letters', async () => {
    await openTab(operator, 'queues');
    await waitForDepth(operator, DLQ, 2);
    await operator.screenshot({ path: `${SHOTS}/queues.png`, fullPage: true });
  });
  const targetBefore = await depth(operator, TARGET);

  await step('operator finds the dead letter with its failure reason', async () => {
    await openTab(operator, 'deadletters');
    const row = deadLetterRow(operator, RETRY_BODY);
    await row.waitFor();
    const failure = await row.locator('td.conflux-failure').innerText();
    if (!/IllegalStateException/.test(failure)) {
      throw new Error(`the dead letter shows no failure reason: '${failure}'`);
    }
    retriedId = await row.getAttribute('data-message-id');
    await operator.screenshot({ path: `${SHOTS}/dead-letters.png`, fullPage: true });
  });

  await step(`operator retries dead letter ${retriedId}`, async () => {
    await deadLetterRow(operator, RETRY_BODY).locator('input.conflux-select').check();
    await operator.click('button.conflux-retry');
    await operator.waitForSelector('.conflux-done:has-text("1 dead letter(s) sent back")');
    await deadLetterRow(operator, RETRY_BODY).waitFor({ state: 'detached' });
  });

  await step(`the queue depths change: ${DLQ} 2 -> 1, ${TARGET} ${targetBefore} -> ${targetBefore + 1}`, async () => {
    await openTab(operator, 'queues');
    await waitForDepth(operator, DLQ, 1);
    await waitForDepth(operator, TARGET, targetBefore + 1);
    await operator.screenshot({ path: `${SHOTS}/queues-after-retry.png`, fullPage: true });
  });

  await step(`operator browses ${TARGET} and sees the retried message`, async () => {
    await operator.click(`table.conflux-queues tr[data-queue="${TARGET}"] button:has-text("Browse")`);
    await operator.locator('.conflux-browser pre.conflux-body', { hasText: RETRY_BODY }).waitFor();
    await operator.screenshot({ path: `${SHOTS}/queue-browse.png`, fullPage: true });
    await operator.click('.conflux-browser button.close');
  });

  await step('operator sees the flows', async () => {
    await openTab(operator, 'flows');
    await operator.locator('table.conflux-flows tbody tr[data-flow]').first().waitFor();
    await operator.screenshot({ path: `${SHOTS}/flows.png`, fullPage: true });
  });

  await step('the audit trail shows the retry, by whom, on which message', async () => {
    await openTab(operator, 'audit');
    const entry = operator.locator('table.conflux-audit tbody tr', { hasText: 'deadletter.retry' })
      .filter({ hasText: env('OPERATOR_USER') }).filter({ hasText: retriedId });
    await entry.first().waitFor();
    await operator.screenshot({ path: `${SHOTS}/audit.png`, fullPage: true });
  });
  await operator.context().close();

  const viewer = await login(env('VIEWER_USER'), env('VIEWER_PASSWORD'));
  await step('viewer tries to retry the other dead letter and the server refuses', async () => {
    await openTab(viewer, 'deadletters');
    const row = deadLetterRow(viewer, REFUSED_BODY);
    await row.waitFor();
    await row.locator('input.conflux-select').check();
    await viewer.click('button.conflux-retry');
    await viewer.waitForSelector('.conflux-error:has-text("Refused by the server")');
    await viewer.screenshot({ path: `${SHOTS}/viewer-retry-refused.png`, fullPage: true });
    await deadLetterRow(viewer, REFUSED_BODY).waitFor();
  });
  await step('the refused dead letter is still there', async () => {
    await openTab(viewer, 'queues');
    await waitForDepth(viewer, DLQ, 1);
  });
  await step('viewer reads the trust inventory: the console\'s own listener on its port', async () => {
    await openTab(viewer, 'trust');
    const port = new URL(CONSOLE).port;
    await viewer.waitForSelector(`table.conflux-trust-listeners tr[data-port="${port}"]:has-text("management")`);
    await viewer.screenshot({ path: `${SHOTS}/trust.png`, fullPage: true });
  });
  await viewer.context().close();
  console.log(`RETRIED ${retriedId}`);
} catch (e) {
  console.log('FAILED');
  console.error(e.stack || String(e));
  if (current) {
    await current.screenshot({ path: `${SHOTS}/failure.png`, fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
