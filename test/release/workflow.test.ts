import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

/** The release workflow is in the repository (nothing is published from here): its essentials. */
describe('.github/workflows/release.yml', () => {
  const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

  it('runs the changesets action on main, after the tests', () => {
    expect(workflow).toMatch(/on:\n {2}push:\n {4}branches: \[main\]/);
    expect(workflow).toContain('uses: changesets/action@v1');
    expect(workflow.indexOf('npm ci && npm test')).toBeLessThan(workflow.indexOf('changesets/action'));
    expect(workflow).toContain('version: npm run version-packages');
    expect(workflow).toContain('publish: npx changeset publish');
  });

  it('publishes with npm provenance', () => {
    expect(workflow).toContain('id-token: write');
    expect(workflow).toContain("NPM_CONFIG_PROVENANCE: 'true'");
    expect(workflow).toContain('NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}');
  });

  it('versioning carries the npm version to the C#, Java and Python packages', () => {
    expect(pkg.scripts['version-packages']).toMatch(/^changeset version && .*ecgrid-codegen generate --sync-versions/);
  });
});
