// A minimal Docusaurus site for the docs test (test/docs/site.test.ts): the generated pages of one
// WSDL as its only docs, with their own sidebar file. ECGRID_DOCS_DIR names the folder the
// generator wrote (its pages and sidebars.js); the test builds one site per WSDL.
import { resolve } from 'node:path';

const docs = process.env.ECGRID_DOCS_DIR;
if (!docs)
  throw new Error('ECGRID_DOCS_DIR must name the generated docs folder (ecgrid-codegen generate --target docs)');

export default {
  title: 'ECGridOS SOAP API',
  url: 'http://127.0.0.1',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  markdown: { hooks: { onBrokenMarkdownLinks: 'throw' } },
  plugins: [
    [
      '@docusaurus/plugin-content-docs',
      {
        path: resolve(docs),
        routeBasePath: '/',
        sidebarPath: resolve(docs, 'sidebars.js'),
      },
    ],
  ],
  themes: ['@docusaurus/theme-classic'],
  // Rspack, SWC and Lightning CSS (@docusaurus/faster): the 221 v4.1 pages build in a fraction of webpack's time.
  future: { v4: true, faster: true },
};
