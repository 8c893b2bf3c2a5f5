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
    // CI itself (.ci/run installs the tools and runs the README's test command) comes first.
    expect(workflow).toMatch(/\n {8}run: bash \.ci\/run\n/);
    expect(workflow.indexOf('run: bash .ci/run')).toBeLessThan(workflow.indexOf('changesets/action'));
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/\nnpm ci && npm test\n/);
    expect(workflow).toContain('version: npm run version-packages');
    expect(workflow).toContain('publish: npx changeset publish');
  });

  it('publishes with npm provenance', () => {
    expect(workflow).toContain('id-token: write');
    expect(workflow).toContain("NPM_CONFIG_PROVENANCE: 'true'");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(workflow).toContain('NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}');
  });

  it('publishes the other registries only after changesets published, from artifacts/', () => {
    const other = workflow.slice(workflow.indexOf('  publish-other-registries:'));
    expect(other).toContain('needs: release');
    expect(other).toContain("if: needs.release.outputs.published == 'true'");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(workflow).toContain('published: ${{ steps.changesets.outputs.published }}');
    expect(other).toContain('npm run artifacts');
    expect(pkg.scripts.artifacts).toBe('node generator/scripts/build-artifacts.mjs');
    // NuGet and PyPI by trusted publishing (OIDC), Maven Central with a signing key.
    expect(other).toContain('uses: NuGet/login@v1');
    expect(other).toMatch(/dotnet nuget push "artifacts\/nuget\/\*\.nupkg" .*--skip-duplicate/);
    expect(other).toContain('mvn -B -ntp -P release -f packages/runtime-java/pom.xml deploy');
    expect(other).toContain('uses: pypa/gh-action-pypi-publish@release/v1');
    expect(other).toContain('packages-dir: artifacts/python/');
    expect(other).not.toMatch(/PYPI_TOKEN|NUGET_API_KEY:/);
  });

  it('versioning carries the npm version to the C#, Java and Python packages', () => {
    expect(pkg.scripts['version-packages']).toMatch(/^changeset version && .*ecgrid-codegen generate --sync-versions/);
    // ... and @ecgrid/soap-runtime's version to the C#, Java and Python runtimes.
    expect(pkg.scripts['version-packages']).toContain('node generator/scripts/sync-runtime-versions.mjs');
  });
});
