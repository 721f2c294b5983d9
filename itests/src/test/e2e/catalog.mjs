// The interface catalog in a real browser: headless Chromium (Debian's, via playwright-core).
//
// Run by CatalogIT. First the HTML export as an architect opens it: the file $EXPORT that `conflux:catalog --export`
// wrote must draw every node of $NODES (comma-separated ids) inside its graph with arrows between them, embed the same
// nodes in its JSON, and fetch nothing from anywhere. Then the console's Catalog page as a viewer ($VIEWER_USER): the
// graph is drawn; choosing connector:$CONNECTOR in it shows the node's details and its impact, with the flows $UPSTREAM
// (comma-separated) feeding it and the API $API among the APIs, and outlines them in the graph; the list filters by
// name. Saves catalog-export.png and catalog-page.png into $SCREENSHOTS. Exits non-zero, saying what failed.
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { launch, login, openTab, env, step } from './session.mjs';

const EXPORT = env('EXPORT');
const NODES = env('NODES').split(',');
const SHOTS = env('SCREENSHOTS');

mkdirSync(SHOTS, { recursive: true });
const browser = await launch();
let current;

try {
  await step('the export draws the graph and embeds the catalog', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    current = page;
    const fetched = [];
    page.on('request', (r) => { if (!r.url().startsWith('file:')) { fetched.push(r.url()); } });
    await page.goto(pathToFileURL(EXPORT).href);
    const svg = page.locator('svg#graph');
    await svg.waitFor({ state: 'visible', timeout: 10_000 });
    const box = await svg.boundingBox();
    for (const id of NODES) {
      const node = page.locator(`svg#graph g.node[data-id="${id}"]`);
      if (await node.count() !== 1) { throw new Error(`node ${id} is not drawn`); }
      const b = await node.boundingBox();
      if (!b || b.width < 50 || b.x < box.x || b.y < box.y || b.x + b.width > box.x + box.width + 1) {
        throw new Error(`node ${id} is not drawn inside the graph: ${JSON.stringify(b)}`);
      }
      if (!(await node.textContent()).length) { throw new Error(`node ${id} has no label`); }
    }
    const arrows = await page.locator('svg#graph .edge').count();
    if (arrows < NODES.length - 1) { throw new Error(`only ${arrows} arrows for ${NODES.length} nodes`); }
    const json = JSON.parse(await page.locator('script#catalog').textContent());
    const ids = new Set(json.nodes.map((n) => n.id));
    for (const id of NODES) {
      if (!ids.has(id)) { throw new Error(`the embedded JSON lacks ${id}`); }
    }
    if (fetched.length) { throw new Error(`the page fetched ${fetched.join(', ')}`); }
    await page.screenshot({ path: `${SHOTS}/catalog-export.png`, fullPage: true });
    console.log(`(${NODES.length} nodes, ${arrows} arrows)`);
  });

  if (process.env.CONFLUX_CONSOLE) {
    const connector = `connector:${env('CONNECTOR')}`;
    await step('the Catalog page shows the impact of the connector and outlines it in the graph', async () => {
      const page = await login(browser, env('CONFLUX_CONSOLE'), env('VIEWER_USER'), env('VIEWER_PASSWORD'));
      current = page;
      await openTab(page, 'catalog');
      await page.locator(`svg#graph g.node[data-id="${connector}"]`).click();
      await page.waitForSelector(`.conflux-catalog-node[data-id="${connector}"]`);
      const upstream = page.locator('.conflux-impact-upstream');
      await upstream.waitFor();
      const text = await upstream.textContent();
      for (const flow of env('UPSTREAM').split(',')) {
        if (!text.includes(flow)) { throw new Error(`the impact does not name ${flow} upstream: ${text}`); }
      }
      const apis = await page.locator('.conflux-impact-apis').textContent();
      if (!apis.includes(env('API'))) { throw new Error(`the impact does not name the API ${env('API')}: ${apis}`); }
      for (const flow of env('UPSTREAM').split(',')) {
        const cls = await page.locator(`svg#graph g.node[data-id="flow:${flow}"]`).getAttribute('class');
        if (!cls.includes('impacted')) { throw new Error(`flow ${flow} is not outlined in the graph: ${cls}`); }
      }
      const selected = await page.locator(`svg#graph g.node[data-id="${connector}"]`).getAttribute('class');
      if (!selected.includes('selected')) { throw new Error(`the chosen node is not marked: ${selected}`); }
      await page.screenshot({ path: `${SHOTS}/catalog-page.png`, fullPage: true });
      await page.fill('input.conflux-catalog-filter', env('CONNECTOR'));
      const rows = page.locator('table.conflux-catalog-nodes tbody tr');
      if (await rows.count() !== 1 || (await rows.first().getAttribute('data-id')) !== connector) {
        throw new Error(`filtering by ${env('CONNECTOR')} lists ${await rows.count()} nodes`);
      }
    });
  }
  console.log(`CATALOG OK ${NODES.length} nodes`);
} catch (e) {
  console.log('FAILED');
  console.error(e.message);
  if (current) {
    await current.screenshot({ path: `${SHOTS}/catalog-failure.png`, fullPage: true }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
