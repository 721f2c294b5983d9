// The console's API usage page in a real browser: headless Chromium (Debian's, via playwright-core).
//
// Run by ApiUsageIT, after two consumers called the sample flow. As a viewer ($VIEWER_USER): the API usage page shows
// the business counter of flow $FLOW in its unit ("orders") with a rate per hour and a success rate; the top consumers
// list each of $CONSUMERS (comma-separated); the top operations list $OPERATION; the trend chart draws a bar per step
// (12 five-minute steps for the last hour) and the p95 line; choosing the 1d window redraws 24 steps; the CSV button downloads a CSV with the header and a line
// per operation and consumer (saved into $DOWNLOADS); and the Catalog page's impact of API $OPERATION names the
// consumers. Saves api-usage-page.png into $SCREENSHOTS. Exits non-zero, saying what failed.
import { mkdirSync, readFileSync } from 'node:fs';
import { launch, login, openTab, env, step } from './session.mjs';

const SHOTS = env('SCREENSHOTS');
const DOWNLOADS = env('DOWNLOADS');
mkdirSync(SHOTS, { recursive: true });
mkdirSync(DOWNLOADS, { recursive: true });
const browser = await launch();
let current;

try {
  const page = await login(browser, env('CONFLUX_CONSOLE'), env('VIEWER_USER'), env('VIEWER_PASSWORD'));
  current = page;
  await openTab(page, 'api-usage');

  await step('the business counter of the flow speaks in its unit', async () => {
    const row = page.locator(`table.conflux-usage-flows tr[data-flow="${env('FLOW')}"]`);
    await row.waitFor();
    const text = await row.textContent();
    if (!/\d+ orders/.test(text) || !text.includes('orders/h') || !/\d+\.\d %/.test(text)) {
      throw new Error(`the counter of ${env('FLOW')} reads: ${text}`);
    }
  });

  await step('the top consumers and operations list who called what', async () => {
    for (const consumer of env('CONSUMERS').split(',')) {
      const row = page.locator(`table.conflux-usage-consumers tr[data-consumer="${consumer}"]`);
      if (await row.count() !== 1) { throw new Error(`consumer ${consumer} is not listed`); }
      const calls = Number((await row.locator('td').nth(1).textContent()).trim());
      if (!(calls > 0)) { throw new Error(`consumer ${consumer} shows ${calls} calls`); }
    }
    const op = page.locator(`table.conflux-usage-operations tr[data-operation="${env('OPERATION')}"]`);
    if (await op.count() !== 1) { throw new Error(`operation ${env('OPERATION')} is not listed`); }
  });

  await step('the trend draws a bar per step and the p95 line, 12 five-minute steps then 24 hours', async () => {
    const bars = page.locator('svg.conflux-usage-chart rect.calls');
    if (await bars.count() !== 12) { throw new Error(`${await bars.count()} bars for the last hour`); }
    const heights = await bars.evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    if (!heights.some((h) => h > 0)) { throw new Error('no bar has a height'); }
    const points = await page.locator('svg.conflux-usage-chart polyline.p95').getAttribute('points');
    if (points.split(' ').length !== 12) { throw new Error(`the p95 line has ${points.split(' ').length} points`); }
    await page.screenshot({ path: `${SHOTS}/api-usage-page.png`, fullPage: true });
    await page.click('button.conflux-usage-window:text-is("1d")');
    await page.waitForFunction(() => document.querySelectorAll('svg.conflux-usage-chart rect.calls').length === 24);
  });

  await step('CSV downloads the usage of the window', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.conflux-usage-csv')]);
    const file = `${DOWNLOADS}/${download.suggestedFilename()}`;
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    if (!csv.startsWith('window,endpoint,operation,consumer,calls')) { throw new Error(`the CSV starts: ${csv.slice(0, 80)}`); }
    for (const consumer of env('CONSUMERS').split(',')) {
      if (!csv.includes(`,${consumer},`)) { throw new Error(`the CSV has no line for ${consumer}: ${csv}`); }
    }
    if (download.suggestedFilename() !== 'api-usage-1d.csv') { throw new Error(`named ${download.suggestedFilename()}`); }
  });
  await step('the Catalog page names the consumers of the API in its impact', async () => {
    await openTab(page, 'catalog');
    await page.locator(`table.conflux-catalog-nodes tr[data-id="api:${env('OPERATION')}"]`).click();
    const known = page.locator('.conflux-impact-consumers');
    await known.first().waitFor();
    const text = await known.first().textContent();
    for (const consumer of env('CONSUMERS').split(',')) {
      if (!text.includes(consumer)) { throw new Error(`the impact does not name ${consumer}: ${text}`); }
    }
  });
  console.log('API USAGE OK');
} catch (e) {
  console.log('FAILED');
  console.error(e.message);
  if (current) {
    await current.screenshot({ path: `${SHOTS}/api-usage-failure.png`, fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
