// Opens one page of a built site in headless Chromium and prints what a reader sees, as JSON:
// the title, the caution admonition, the sections, and for every language tab (chosen by a click
// on it, as a reader does) the visible panel of each section: its text, its code and its table
// rows. The docs test (test/docs/site.test.ts) asserts on it.
//
// biome-ignore-all lint/performance/useDomNodeTextContent: the test checks what a reader sees, which is innerText (textContent includes hidden tab panels)
//   node check-page.mjs <built site folder> <page path> <chromium executable>
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const [siteDir, pagePath, chromium] = process.argv.slice(2);
if (!siteDir || !pagePath || !chromium)
  throw new Error('usage: node check-page.mjs <built site folder> <page path> <chromium executable>');
const root = resolve(siteDir);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The built site as a static server does it: a folder's index.html for its path, 404.html else. */
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  let file = normalize(join(root, path));
  if (!file.startsWith(root)) file = join(root, '404.html');
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
  const found = existsSync(file);
  if (!found) file = join(root, '404.html');
  response.writeHead(found ? 200 : 404, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  // Root in a container has no user namespace for Chromium's sandbox.
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  // A desktop window: the sidebar is shown beside the page, not folded into a menu.
  await page.setViewport({ width: 1280, height: 900 });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const response = await page.goto(`${base}${pagePath}`, { waitUntil: 'networkidle0' });
  // Hydrated: React has attached its handlers once the tabs answer a click (checked per tab below).
  await page.waitForSelector('[role="tab"]');

  const read = () =>
    page.evaluate(() => {
      const text = (node) => (node?.innerText ?? '').trim();
      const visible = (node) => node instanceof HTMLElement && !node.hidden && node.offsetParent !== null;
      const article = document.querySelector('article');
      const sections = {};
      let current = '';
      for (const node of article?.querySelectorAll('h2, .tabs-container, table, pre') ?? []) {
        if (node.tagName === 'H2') {
          current = text(node)
            .replace(/\u200b|#$/g, '')
            .trim();
          sections[current] ??= { panels: 0, text: '', code: [], rows: [] };
          continue;
        }
        const section = sections[current];
        if (!section) continue;
        if (node.classList.contains('tabs-container')) {
          const panels = [...node.querySelectorAll(':scope > div > [role="tabpanel"]')].filter(visible);
          section.panels += panels.length;
          section.text += panels.map(text).join('\n');
          section.selected = [...node.querySelectorAll('[role="tab"][aria-selected="true"]')].map(text);
          continue;
        }
        if (!visible(node)) continue;
        // A code block's lines as the reader sees them (each highlighted line is an element of its own).
        if (node.tagName === 'PRE')
          section.code.push([...node.querySelectorAll('.token-line')].map((line) => line.textContent ?? '').join('\n'));
        else section.rows.push(...[...node.querySelectorAll('tr')].map((tr) => [...tr.children].map(text)));
      }
      return sections;
    });

  const labels = await page.evaluate(() =>
    [...(document.querySelector('article .tabs-container')?.querySelectorAll('[role="tab"]') ?? [])].map((t) =>
      t.innerText.trim(),
    ),
  );
  const tabs = {};
  for (const label of labels) {
    // A click on the first group's tab: every group of the page follows (one groupId).
    const handles = await page.$$('article [role="tab"]');
    for (const handle of handles) {
      if ((await handle.evaluate((t) => t.innerText.trim())) === label) {
        await handle.click();
        break;
      }
    }
    await page.waitForFunction(
      (wanted) =>
        [...document.querySelectorAll('article [role="tab"][aria-selected="true"]')].every(
          (t) => t.innerText.trim() === wanted,
        ),
      { timeout: 10_000 },
      label,
    );
    tabs[label] = await read();
  }

  const facts = await page.evaluate(() => ({
    title: document.title,
    h1: document.querySelector('article h1')?.innerText.trim() ?? '',
    caution: document.querySelector('article .theme-admonition-caution')?.innerText.trim() ?? '',
    articleText: document.querySelector('article')?.innerText ?? '',
    sidebar: [...document.querySelectorAll('nav.menu .menu__link')].map((a) => a.innerText.trim()),
    description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
  }));
  process.stdout.write(
    `${JSON.stringify({ status: response?.status() ?? 0, errors, labels, tabs, ...facts }, null, 2)}\n`,
  );
} finally {
  await browser.close();
  server.close();
}
