// The console's pages for citizen integrators in a real browser: headless Chromium (Debian's, via playwright-core).
//
// Against a running Conflux that publishes template $TEMPLATE (found by searching the gallery for $TEMPLATE_SEARCH)
// with a connector parameter "source", a path parameter "directory" and a queue parameter "queue"; that offers
// connector instance $CONNECTOR to integrators and not $UNPUBLISHED_CONNECTOR (under either approval rule).
//
// - As the integrator ($INTEGRATOR_USER at $CONFLUX_CONSOLE), New integration: the gallery finds the template; its form
//   offers $CONNECTOR and not $UNPUBLISHED_CONNECTOR; the server's check puts a problem next to the directory for
//   "x&delete=true" and for "{{karaf.home}}", and none for $DIRECTORY; "Try it" on $SAMPLE_BODY (order-1.xml) shows one
//   message that would go to $QUEUE with that body, and sends nothing; "Submit for approval" succeeds and My
//   integrations lists $INTEGRATION_NAME as PENDING.
// - As the approver ($APPROVER_USER), Approvals: the integration is listed with its flow (naming $QUEUE); approving it
//   with a comment takes it off the list.
// - As a viewer ($VIEWER_USER): no New integration tab, or the page shows the server's refusal and no template.
//
// Optional: $INTEGRATION_TITLE (the title typed), $SCREENSHOTS (gallery.png, wizard-try.png, my-integrations.png,
// approvals.png, viewer-new-integration.png, and integrations-failure.png when a step fails). Prints
// "integrations page OK: ..." at the end; exits non-zero, saying what failed.
import { mkdirSync } from 'node:fs';
import { launch, login, openTab, env, step, TIMEOUT } from './session.mjs';

const CONSOLE = env('CONFLUX_CONSOLE');
const TEMPLATE = env('TEMPLATE');
const TEMPLATE_SEARCH = env('TEMPLATE_SEARCH');
const NAME = env('INTEGRATION_NAME');
const TITLE = process.env.INTEGRATION_TITLE || `Orders from partner A (${NAME})`;
const CONNECTOR = env('CONNECTOR');
const UNPUBLISHED = env('UNPUBLISHED_CONNECTOR');
const DIRECTORY = env('DIRECTORY');
const QUEUE = env('QUEUE');
const SAMPLE_BODY = env('SAMPLE_BODY');
const COMMENT = 'ok for partner A';
const SHOTS = process.env.SCREENSHOTS;
if (SHOTS) { mkdirSync(SHOTS, { recursive: true }); }
const browser = await launch();
let current; // the page in use, for a screenshot when a step fails

/** Text without any white space: a body shown pretty-printed still contains the sample. */
const squash = (text) => String(text || '').replace(/\s+/g, '');

async function shot(page, file) {
  if (SHOTS) {
    await page.evaluate(() => document.activeElement && document.activeElement.blur()); // no focus ring in the picture
    await page.screenshot({ path: `${SHOTS}/${file}`, fullPage: true });
  }
}

/** Whether a response answers a Jolokia call of conflux:type=integrations <operation>. */
function answers(response, operation) {
  if (!response.url().includes('/jolokia')) { return false; }
  try {
    const body = JSON.parse(response.request().postData() || 'null');
    return [].concat(body).some((b) => b && b.mbean === 'conflux:type=integrations' && b.operation === operation);
  } catch (e) {
    return false;
  }
}

/** Clicks a button calling <operation> and waits for the server's answer. */
async function clickAndWait(page, selector, operation) {
  await Promise.all([page.waitForResponse((r) => answers(r, operation)), page.click(selector)]);
}

/** Fails with the page's error message when it shows one. */
async function noError(page, doing) {
  const error = page.locator('.conflux-integrations-error');
  if (await error.count()) { throw new Error(`${doing}: the page shows an error: ${(await error.first().innerText()).trim()}`); }
}

/** The problems shown under the fields, as "field: text" (empty elements left out), and those of no field. */
async function shownProblems(page) {
  const fields = await page.locator('.conflux-field-problem').evaluateAll((els) => els
    .map((e) => ({ field: e.getAttribute('data-field'), text: e.textContent.trim() }))
    .filter((p) => p.text)
    .map((p) => `${p.field}: ${p.text}`));
  const general = await page.locator('.conflux-integration-problems li').allInnerTexts();
  return fields.concat(general.map((t) => `(no field) ${t.trim()}`));
}

/** Puts a value into the directory field, has the server check the form, and waits for its answer to be shown. */
async function checkDirectory(page, value) {
  await page.fill('#conflux-param-directory', value);
  await clickAndWait(page, '#conflux-check', 'check');
  await page.waitForSelector('.conflux-check-ok, .conflux-check-failed, .conflux-integrations-error');
  await noError(page, `checking directory "${value}"`);
}

async function expectDirectoryProblem(page, value) {
  await checkDirectory(page, value);
  const problem = page.locator('.conflux-field-problem[data-field="directory"]');
  if (!(await problem.count()) || !(await problem.innerText()).trim()) {
    throw new Error(`no problem shown next to the directory for "${value}"; shown: [${(await shownProblems(page)).join('; ')}]`);
  }
  return (await problem.innerText()).trim();
}

let tabs = '';
let viewerCase = '';
try {
  // ---- the integrator --------------------------------------------------------------------------------------
  const integrator = await login(browser, CONSOLE, env('INTEGRATOR_USER'), env('INTEGRATOR_PASSWORD'));
  current = integrator;
  await openTab(integrator, 'new-integration');
  tabs = (await integrator.locator('.conflux-tabs a[id^="conflux-tab-"]').allInnerTexts()).map((t) => t.trim()).join(', ');

  await step(`the gallery finds template ${TEMPLATE} by "${TEMPLATE_SEARCH}"`, async () => {
    await integrator.waitForSelector('.conflux-template-card, .conflux-template-none, .conflux-integrations-error');
    await noError(integrator, 'reading the templates');
    await integrator.fill('#conflux-template-search', TEMPLATE_SEARCH);
    const card = integrator.locator(`.conflux-template-card[data-template="${TEMPLATE}"]`);
    try {
      await card.waitFor({ state: 'visible', timeout: 5_000 });
    } catch (e) {
      const shown = await integrator.locator('.conflux-template-card')
        .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-template')));
      throw new Error(`searching for "${TEMPLATE_SEARCH}" shows [${shown.join(', ')}], not ${TEMPLATE}`);
    }
    await shot(integrator, 'gallery.png');
  });

  await step(`its form offers connection ${CONNECTOR} and not ${UNPUBLISHED}`, async () => {
    await integrator.click(`.conflux-template-card[data-template="${TEMPLATE}"]`);
    await integrator.waitForSelector('#conflux-integration-name');
    await integrator.fill('#conflux-integration-name', NAME);
    await integrator.fill('#conflux-integration-title', TITLE);
    await integrator.waitForSelector('#conflux-param-source, .conflux-no-connector[data-field="source"]');
    if (await integrator.locator('.conflux-no-connector[data-field="source"]').count()) {
      throw new Error(`the form offers no connection for "source": ${(await integrator.locator('.conflux-no-connector').innerText()).trim()}`);
    }
    const offered = await integrator.locator('#conflux-param-source option')
      .evaluateAll((options) => options.map((o) => o.value).filter((v) => v));
    if (!offered.includes(CONNECTOR)) { throw new Error(`the connections offered are [${offered.join(', ')}], not ${CONNECTOR}`); }
    if (offered.includes(UNPUBLISHED)) { throw new Error(`the unpublished connection ${UNPUBLISHED} is offered: [${offered.join(', ')}]`); }
    await integrator.selectOption('#conflux-param-source', CONNECTOR);
    await integrator.fill('#conflux-param-directory', DIRECTORY);
    await integrator.fill('#conflux-param-queue', QUEUE);
  });

  await step('the server\'s check shows a problem next to the directory for "x&delete=true" and "{{karaf.home}}"', async () => {
    const ampersand = await expectDirectoryProblem(integrator, 'x&delete=true');
    const placeholder = await expectDirectoryProblem(integrator, '{{karaf.home}}');
    console.log(`(${ampersand.replace(/\s+/g, ' ')} / ${placeholder.replace(/\s+/g, ' ')})`);
  });

  await step(`with directory ${DIRECTORY} the check finds no problem`, async () => {
    await checkDirectory(integrator, DIRECTORY);
    const problems = await shownProblems(integrator);
    if (problems.length || !(await integrator.locator('.conflux-check-ok').count())) {
      throw new Error(`the check shows problems: [${problems.join('; ')}]`);
    }
  });

  await step(`Try it on the sample shows one message to ${QUEUE} with its body, and sends nothing`, async () => {
    await integrator.fill('#conflux-sample-body', SAMPLE_BODY);
    await integrator.fill('#conflux-sample-name', 'order-1.xml');
    await clickAndWait(integrator, '#conflux-try', 'tryOut');
    await integrator.waitForSelector('#conflux-trial, .conflux-integrations-error');
    await noError(integrator, 'trying it');
    const trial = integrator.locator('#conflux-trial');
    if (await trial.locator('.conflux-trial-not-run').count()) {
      throw new Error(`not run: [${(await shownProblems(integrator)).join('; ')}]`);
    }
    if (await trial.locator('.conflux-trial-error').count()) {
      throw new Error(`the trial failed: ${(await trial.locator('.conflux-trial-error').innerText()).trim()}`);
    }
    const note = await trial.locator('.conflux-trial-note').innerText();
    if (!note.includes('Nothing was sent')) { throw new Error(`the trial does not say that nothing was sent: ${note}`); }
    const outputs = trial.locator('.conflux-trial-output');
    if (await outputs.count() !== 1) {
      throw new Error(`${await outputs.count()} messages would be sent: ${(await trial.innerText()).replace(/\s+/g, ' ')}`);
    }
    const endpoint = (await outputs.locator('.conflux-trial-endpoint').innerText()).trim();
    if (!endpoint.includes(QUEUE)) { throw new Error(`the message would go to ${endpoint}, not to ${QUEUE}`); }
    const body = await outputs.locator('.conflux-trial-body').innerText();
    if (!squash(body).includes(squash(SAMPLE_BODY))) { throw new Error(`the message's body is not the sample: ${body}`); }
    await integrator.locator('#conflux-trial').scrollIntoViewIfNeeded(); // the picture shows what would be sent
    await shot(integrator, 'wizard-try.png');
  });

  await step(`Submit for approval, and My integrations lists ${NAME} as PENDING`, async () => {
    await integrator.click('#conflux-submit');
    await integrator.waitForSelector('.conflux-integrations-done, .conflux-integrations-error');
    await noError(integrator, 'submitting it');
    await openTab(integrator, 'integrations');
    const row = integrator.locator(`#conflux-my-integrations tr[data-integration="${NAME}"]`);
    await row.waitFor();
    const status = (await row.locator('.conflux-integration-status').innerText()).trim();
    if (!status.includes('PENDING')) { throw new Error(`its status is ${status}, not PENDING`); }
    await shot(integrator, 'my-integrations.png');
  });
  await integrator.context().close();

  // ---- the approver ----------------------------------------------------------------------------------------
  const approver = await login(browser, CONSOLE, env('APPROVER_USER'), env('APPROVER_PASSWORD'));
  current = approver;
  await step(`the approver sees ${NAME} waiting, with its flow sending to ${QUEUE}`, async () => {
    await openTab(approver, 'approvals');
    const row = approver.locator(`#conflux-approvals tr[data-integration="${NAME}"]`);
    try {
      await approver.waitForSelector(`#conflux-approvals tr[data-integration="${NAME}"], .conflux-integrations-error`);
    } catch (e) {
      const listed = await approver.locator('#conflux-approvals tr[data-integration]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-integration')));
      throw new Error(`after ${TIMEOUT / 1000} s the integrations waiting are [${listed.join(', ')}]`);
    }
    await noError(approver, 'reading the integrations waiting for approval');
    const flow = await row.locator('pre.conflux-approval-flow').innerText();
    if (!flow.includes(QUEUE)) { throw new Error(`the flow shown does not name ${QUEUE}: ${flow}`); }
    const rule = approver.locator('.conflux-approval-rule');
    await rule.waitFor();
    await shot(approver, 'approvals.png');
  });

  await step(`the approver approves it ("${COMMENT}") and it leaves the list`, async () => {
    const row = approver.locator(`#conflux-approvals tr[data-integration="${NAME}"]`);
    await row.locator('.conflux-approval-comment').fill(COMMENT);
    await row.locator('.conflux-approve').click();
    await approver.waitForSelector('.conflux-integrations-done, .conflux-integrations-error');
    await noError(approver, 'approving it');
    await row.waitFor({ state: 'detached', timeout: TIMEOUT });
  });
  await approver.context().close();

  // ---- a viewer --------------------------------------------------------------------------------------------
  const viewer = await login(browser, CONSOLE, env('VIEWER_USER'), env('VIEWER_PASSWORD'));
  current = viewer;
  await step('a viewer gets no template: no New integration tab, or the server\'s refusal', async () => {
    await viewer.goto(`${CONSOLE}/#/conflux?tab=new-integration`);
    await viewer.waitForSelector('.conflux-tabs >> visible=true');
    const tabShown = (await viewer.locator('#conflux-tab-new-integration').count()) > 0;
    await viewer.waitForSelector('.conflux-integrations-error, .conflux-template-card, .conflux-template-none');
    const cards = await viewer.locator('.conflux-template-card').count();
    if (cards) { throw new Error(`the viewer is shown ${cards} template(s)`); }
    if (!(await viewer.locator('.conflux-integrations-error').count())) {
      throw new Error(`the page shows no refusal: ${(await viewer.locator('.conflux-new-integration').innerText()).replace(/\s+/g, ' ')}`);
    }
    const refusal = (await viewer.locator('.conflux-integrations-error').first().innerText()).trim();
    viewerCase = `${tabShown ? 'tab shown' : 'no tab'}, refused: ${refusal.replace(/\s+/g, ' ').slice(0, 100)}`;
    await shot(viewer, 'viewer-new-integration.png');
  });
  await viewer.context().close();

  console.log(`integrations page OK: ${NAME} from ${TEMPLATE} checked, tried, submitted and approved; `
    + `integrator's tabs: ${tabs}; viewer: ${viewerCase}`);
} catch (e) {
  console.log('FAILED');
  console.error(e.message);
  if (current && SHOTS) {
    await current.screenshot({ path: `${SHOTS}/integrations-failure.png`, fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
