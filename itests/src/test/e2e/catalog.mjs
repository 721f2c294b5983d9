// The catalog's HTML export, as an architect opens it: a file in headless Chromium (Debian's, via playwright-core).
//
// Run by CatalogIT with $EXPORT, the page `conflux:catalog --export` wrote, and $NODES, comma-separated node ids that
// must be drawn. Checks that the page shows the graph (an SVG box for each of those nodes, inside the drawing, with
// arrows between them), that its embedded JSON names the same nodes, and saves catalog-export.png into $SCREENSHOTS.
// Exits non-zero, saying what failed, if a check fails.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const env = (name) => {
  const v = process.env[name];
  if (!v) { throw new Error(`environment variable ${name} is not set`); }
  return v;
};
const EXPORT = env('EXPORT');
const NODES = env('NODES').split(',');
const SHOTS = env('SCREENSHOTS');

mkdirSync(SHOTS, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  // A self-contained page: nothing may be fetched from anywhere.
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
  console.log(`CATALOG OK ${NODES.length} nodes, ${arrows} arrows`);
} finally {
  await browser.close();
}
