/**
 * The Java hostile-suite driver: `java/HostileDriver.java`, compiled with `javac -Xlint:all
 * -Werror` together with the runtime library's sources (`packages/runtime-java`, so the suite
 * holds the runtime of this tree, not a jar built earlier) and the committed contract SDK
 * (`packages/ecgridos-java`), into the work folder; run with `java` and its default settings.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/paths.js';
import { javaSources } from '../../targets/support/drivers/java.js';
import { mustRun } from '../../targets/support/run.js';
import type { HostileDriver } from '../cases.js';

const DRIVER = join(import.meta.dirname, 'java', 'HostileDriver.java');

export async function prepare(workDir: string): Promise<HostileDriver> {
  const classes = join(workDir, 'classes');
  mkdirSync(classes, { recursive: true });
  const sources = [
    ...javaSources(join(ROOT, 'packages', 'runtime-java', 'src', 'main', 'java')),
    ...javaSources(join(ROOT, 'packages', 'ecgridos-java', 'src', 'main', 'java')),
    DRIVER,
  ];
  const argFile = join(workDir, 'javac-sources.txt');
  writeFileSync(argFile, sources.map((s) => `"${s.split('\\').join('/')}"`).join('\n'));
  await mustRun('javac', ['-Xlint:all', '-Werror', '-d', classes, `@${argFile}`]);
  return { command: 'java', args: ['-cp', classes, 'HostileDriver'] };
}
