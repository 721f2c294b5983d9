// The console's Cluster page in a real browser: headless Chromium (Debian's, via playwright-core).
//
// Against a running cluster, as a viewer ($VIEWER_USER, at $CONFLUX_CONSOLE): the Cluster page's nodes table lists
// every node of $CONFLUX_CLUSTER_NODES (comma-separated; waited for, as nodes report a few seconds after they start),
// the row of $CONFLUX_CLUSTER_LOCAL is marked as this node (and only it), the flows table has a column per node and
// lists flow $CONFLUX_CLUSTER_FLOW with a revision for each, and Refresh reads the status again. Prints
// "cluster page OK: <n> nodes, <m> flows". Saves cluster-page.png into $SCREENSHOTS when it is set. Exits non-zero,
// saying what failed.
import { mkdirSync } from 'node:fs';
import { launch, login, openTab, env, step, TIMEOUT } from './session.mjs';

const NODES = env('CONFLUX_CLUSTER_NODES').split(',').map((n) => n.trim()).filter((n) => n);
const LOCAL = env('CONFLUX_CLUSTER_LOCAL');
const FLOW = env('CONFLUX_CLUSTER_FLOW');
const SHOTS = process.env.SCREENSHOTS;
if (SHOTS) { mkdirSync(SHOTS, { recursive: true }); }
const browser = await launch();
let current;

/** The names in the nodes table now. */
const listedNodes = (page) => page.locator('#conflux-cluster-nodes tbody tr[data-node]')
  .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node')));

try {
  const page = await login(browser, env('CONFLUX_CONSOLE'), env('VIEWER_USER'), env('VIEWER_PASSWORD'));
  current = page;
  await openTab(page, 'cluster');

  await step(`the nodes table lists ${NODES.join(', ')}`, async () => {
    try {
      await page.waitForFunction((names) => {
        const error = document.querySelector('.conflux-cluster-error');
        if (error) { return true; } // reported below, rather than waited out
        const listed = [...document.querySelectorAll('#conflux-cluster-nodes tbody tr[data-node]')]
          .map((r) => r.getAttribute('data-node'));
        return names.every((n) => listed.includes(n));
      }, NODES, { timeout: TIMEOUT, polling: 500 });
    } catch (e) {
      throw new Error(`after ${TIMEOUT / 1000} s the nodes table lists [${(await listedNodes(page).catch(() => [])).join(', ')}]`);
    }
    const error = page.locator('.conflux-cluster-error');
    if (await error.count()) { throw new Error(`the page shows an error: ${(await error.textContent()).trim()}`); }
    const listed = await listedNodes(page);
    const extra = listed.filter((n) => !NODES.includes(n));
    if (extra.length) { throw new Error(`the nodes table also lists ${extra.join(', ')}`); }
  });

  await step(`node ${LOCAL} is marked as this node`, async () => {
    const marked = await page.locator('#conflux-cluster-nodes tbody tr[data-node]:has(.conflux-cluster-local)')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node')));
    if (marked.length !== 1 || marked[0] !== LOCAL) { throw new Error(`the rows marked as this node: [${marked.join(', ')}]`); }
    const line = (await page.locator('#conflux-cluster-this').textContent()).replace(/\s+/g, ' ');
    if (!line.includes(`This node: ${LOCAL}`)) { throw new Error(`the top of the page reads: ${line.trim()}`); }
  });

  await step(`the flows table lists ${FLOW} with a column per node`, async () => {
    const columns = await page.locator('#conflux-cluster-flows thead th.conflux-cluster-column')
      .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-node')));
    if (columns.length !== NODES.length || !NODES.every((n) => columns.includes(n))) {
      throw new Error(`the flows table's node columns are [${columns.join(', ')}]`);
    }
    const row = page.locator(`#conflux-cluster-flows tbody tr[data-flow="${FLOW}"]`);
    if (await row.count() !== 1) { throw new Error(`flow ${FLOW} is not listed`); }
    for (const node of NODES) {
      const cell = (await row.locator(`td[data-node="${node}"]`).textContent()).trim();
      if (!cell || cell === 'not deployed') { throw new Error(`flow ${FLOW} has no revision on node ${node}: "${cell}"`); }
    }
    if (!(await page.locator('#conflux-cluster-problems').isVisible())) { throw new Error('no problems box'); }
  });

  await step('Refresh reads the status again', async () => {
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/jolokia') && (r.request().postData() || '').includes('conflux:type=cluster')),
      page.click('button.conflux-cluster-refresh'),
    ]);
    await page.locator(`#conflux-cluster-nodes tr[data-node="${LOCAL}"]`).waitFor();
  });

  const nodes = await page.locator('#conflux-cluster-nodes tbody tr[data-node]').count();
  const flows = await page.locator('#conflux-cluster-flows tbody tr[data-flow]').count();
  if (SHOTS) {
    await page.evaluate(() => document.activeElement && document.activeElement.blur()); // no focus ring on Refresh
    await page.screenshot({ path: `${SHOTS}/cluster-page.png`, fullPage: true });
  }
  console.log(`cluster page OK: ${nodes} nodes, ${flows} flows`);
} catch (e) {
  console.log('FAILED');
  console.error(e.message);
  if (current && SHOTS) {
    await current.screenshot({ path: `${SHOTS}/cluster-failure.png`, fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
