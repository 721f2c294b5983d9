// The console's Alerts page and its banner in a real browser: headless Chromium (Debian's) driven by playwright-core.
//
// Run by ConsoleUiIT against a running Conflux where alert $ALERT_ID of rule $RULE is FIRING (a backlog on queue
// $QUEUE that no one consumes). As the operator: see the banner above the Conflux tabs, follow it to the Alerts page,
// acknowledge the alert with a comment, silence its rule with a reason and find both in the audit trail. As the
// viewer: open the Alerts page from a notification's link; see the alert and the banner, but no Acknowledge, Silence
// or Unsilence button.
// Saves alerts-banner.png and alerts-firing.png into $SCREENSHOTS. Exits non-zero, saying what failed, if a step fails.
import { launch, login as logIn, openTab, env, step } from './session.mjs';
import { mkdirSync } from 'node:fs';

const CONSOLE = env('CONFLUX_CONSOLE');            // http://127.0.0.1:PORT/hawtio
const SHOTS = env('SCREENSHOTS');
const ALERT_ID = env('ALERT_ID');                 // ui-backlog/ui.backlog
const RULE = env('RULE');                         // ui-backlog
const QUEUE = env('QUEUE');                       // ui.backlog
const COMMENT = env('ACK_COMMENT');
const REASON = env('SILENCE_REASON');
const OPERATOR = env('OPERATOR_USER');

mkdirSync(SHOTS, { recursive: true });
const browser = await launch();

let current; // the page in use, for a screenshot when a step fails

async function login(user, password) {
  current = await logIn(browser, CONSOLE, user, password);
  return current;
}

const alertRow = (page) => page.locator(`table.conflux-alerts-active tr[data-alert-id="${ALERT_ID}"]`);
const ruleRow = (page) => page.locator(`table.conflux-alerts-rules tr[data-rule="${RULE}"]`);
const banner = (page) => page.locator('.conflux-alert-banner');

try {
  const operator = await login(OPERATOR, env('OPERATOR_PASSWORD'));

  await step('operator sees the banner of firing alerts above the Queues tab, naming the queue', async () => {
    await openTab(operator, 'queues');
    await banner(operator).filter({ hasText: /\d+ alerts? firing:/ }).filter({ hasText: QUEUE }).waitFor();
    await operator.screenshot({ path: `${SHOTS}/alerts-banner.png` });
  });

  await step('the banner leads to the Alerts page, where the alert is FIRING with its severity, rule and value', async () => {
    await banner(operator).locator('a.conflux-alert-banner-open').click();
    await operator.locator('.conflux-tabs li.active #conflux-tab-alerts').waitFor();
    await operator.locator('.conflux-alerts[data-may-act="true"]').waitFor();
    await operator.locator(`table.conflux-alerts-active tr[data-alert-id="${ALERT_ID}"][data-state="FIRING"]`).waitFor();
    const row = alertRow(operator);
    const text = await row.innerText();
    for (const expected of ['critical', RULE, QUEUE]) {
      if (!text.includes(expected)) { throw new Error(`the alert row does not show '${expected}': ${text}`); }
    }
    await ruleRow(operator).filter({ hasText: 'ACTIVE' }).waitFor();
    await operator.screenshot({ path: `${SHOTS}/alerts-firing.png`, fullPage: true });
  });

  await step(`operator acknowledges ${ALERT_ID} with a comment`, async () => {
    await alertRow(operator).locator('input.conflux-ack-comment').fill(COMMENT);
    await alertRow(operator).locator('button.conflux-ack').click();
    await operator.locator('.conflux-alerts-done', { hasText: `Alert ${ALERT_ID} acknowledged` }).waitFor();
    await alertRow(operator).locator('td.conflux-alert-ack', { hasText: OPERATOR }).filter({ hasText: COMMENT }).waitFor();
    await alertRow(operator).locator('button.conflux-ack').waitFor({ state: 'detached' });
  });

  await step(`operator silences rule ${RULE} for 2h with a reason`, async () => {
    await ruleRow(operator).locator('input.conflux-silence-duration').fill('2h');
    await ruleRow(operator).locator('input.conflux-silence-reason').fill(REASON);
    await ruleRow(operator).locator('button.conflux-silence').click();
    await operator.locator('.conflux-alerts-done', { hasText: `Rule ${RULE} silenced until` }).waitFor();
    await ruleRow(operator).locator('td.conflux-rule-status', { hasText: 'SILENCED' }).filter({ hasText: REASON })
      .filter({ hasText: OPERATOR }).waitFor();
    await ruleRow(operator).locator('button.conflux-unsilence').waitFor();
  });

  await step('the audit trail shows the acknowledgement and the silence, by the operator', async () => {
    await openTab(operator, 'audit');
    const entries = operator.locator('table.conflux-audit tbody tr').filter({ hasText: OPERATOR });
    await entries.filter({ hasText: 'alert.acknowledge' }).filter({ hasText: ALERT_ID }).filter({ hasText: COMMENT }).first().waitFor();
    await entries.filter({ hasText: 'alert.silence' }).filter({ hasText: RULE }).filter({ hasText: REASON }).first().waitFor();
    await operator.screenshot({ path: `${SHOTS}/alerts-audit.png`, fullPage: true });
  });
  await operator.context().close();

  const viewer = await login(env('VIEWER_USER'), env('VIEWER_PASSWORD'));
  await step('the link of a notification (#/conflux?tab=alerts) opens the Alerts page', async () => {
    await viewer.goto(`${CONSOLE}/#/conflux?tab=alerts`);
    await viewer.locator('.conflux-tabs li.active #conflux-tab-alerts').waitFor();
    await alertRow(viewer).waitFor();
  });
  await step('viewer sees the banner and the alert, and no button to acknowledge, silence or unsilence', async () => {
    await openTab(viewer, 'flows');
    await banner(viewer).filter({ hasText: QUEUE }).waitFor();
    await openTab(viewer, 'alerts');
    await viewer.locator('.conflux-alerts[data-may-act="false"]').waitFor();
    await alertRow(viewer).filter({ hasText: OPERATOR }).waitFor();
    await ruleRow(viewer).filter({ hasText: 'SILENCED' }).waitFor();
    for (const button of ['button.conflux-ack', 'button.conflux-silence', 'button.conflux-unsilence']) {
      const n = await viewer.locator(`.conflux-alerts ${button}`).count();
      if (n !== 0) { throw new Error(`the viewer is shown ${n} ${button}`); }
    }
  });
  await viewer.context().close();
  console.log('ALERTS OK');
} catch (e) {
  console.log('FAILED');
  console.error(e.stack || String(e));
  if (current) {
    await current.screenshot({ path: `${SHOTS}/alerts-failure.png`, fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
