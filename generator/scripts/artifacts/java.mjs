// Maven artifacts: the runtime library io.ecgrid:soap-runtime (packages/runtime-java) and every
// generated Java SDK of packages/ (each folder with a pom.xml that depends on the runtime), built
// with the JDK alone (javac, jar, javadoc: Maven Central, and so Maven's plugins, may be out of
// reach) into out/maven/ in Maven repository layout, as `mvn install` would lay them out:
//
//   <group path>/<artifact>/<version>/<artifact>-<version>.jar          classes, pom.xml and pom.properties under META-INF/maven
//   <group path>/<artifact>/<version>/<artifact>-<version>-sources.jar  the sources
//   <group path>/<artifact>/<version>/<artifact>-<version>-javadoc.jar  the API documentation
//   <group path>/<artifact>/<version>/<artifact>-<version>.pom          the project's pom.xml
//
// each with .sha1 and .md5 files. Classes target Java 17 (`--release 17`) and compile with
// `-Xlint:all -Werror`. Javadoc runs every doclint check and fails on an error; for the runtime
// a warning (a missing comment included) fails too, while a generated SDK documents only what its
// WSDL documents. Jar entries carry a fixed time (the pom's project.build.outputTimestamp), so
// rebuilding the same sources gives the same bytes.
//
// A generated SDK compiles against the runtime jar built here, and must depend on the runtime's
// version: a mismatch fails the build with a message saying which package to regenerate.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const RUNTIME_GROUP = 'io.ecgrid';
export const RUNTIME_ARTIFACT = 'soap-runtime';

/** Where `build` puts an artifact's files under `out/maven`. */
export function artifactDir(mavenRoot, groupId, artifactId, version) {
  return join(mavenRoot, ...groupId.split('.'), artifactId, version);
}

/** The runtime jar `build` writes for a version (what SDKs compile and run against). */
export function runtimeJar(out, version) {
  return join(
    artifactDir(join(out, 'maven'), RUNTIME_GROUP, RUNTIME_ARTIFACT, version),
    `${RUNTIME_ARTIFACT}-${version}.jar`,
  );
}

function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) =>
      reject(new Error(`cannot run ${command} (a JDK 17 or later must be on the PATH): ${error.message}`)),
    );
    child.on('close', (code) => {
      const text = Buffer.concat(output).toString('utf8').trim();
      if (code === 0) resolvePromise(text);
      else
        reject(
          new Error(
            `\`${command} ${args.join(' ')}\` exited ${code}:\n${text.length > 8000 ? `${text.slice(0, 8000)}\n…` : text}`,
          ),
        );
    });
  });
}

function javaFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? javaFiles(path) : name.endsWith('.java') ? [path] : [];
    });
}

/** An @argfile for javac and javadoc (long file lists, paths with spaces). */
function argFile(work, name, files) {
  const path = join(work, name);
  writeFileSync(path, files.map((f) => `"${f.split(sep).join('/')}"`).join('\n'));
  return `@${path}`;
}

/** groupId, artifactId, version, the runtime dependency's version and the output timestamp of a pom.xml. */
export function readPom(pomPath) {
  const pom = readFileSync(pomPath, 'utf8');
  const project = pom.replace(/<!--[\s\S]*?-->/g, '');
  const head = project.slice(
    0,
    Math.min(
      ...['<dependencies>', '<build>', '<profiles>', '</project>'].map((t) => project.indexOf(t)).filter((i) => i >= 0),
    ),
  );
  const field = (name) => new RegExp(`^  <${name}>([^<]+)</${name}>`, 'm').exec(head)?.[1]?.trim();
  const runtime = new RegExp(
    `<dependency>\\s*<groupId>${RUNTIME_GROUP.replace(/\./g, '\\.')}</groupId>\\s*<artifactId>${RUNTIME_ARTIFACT}</artifactId>\\s*<version>([^<]+)</version>`,
  ).exec(project)?.[1];
  const timestamp = /<project\.build\.outputTimestamp>([^<]+)<\/project\.build\.outputTimestamp>/.exec(project)?.[1];
  return {
    pom,
    groupId: field('groupId'),
    artifactId: field('artifactId'),
    version: field('version'),
    runtimeVersion: runtime,
    timestamp,
  };
}

/** Every generated Java SDK of packages/: folders with a pom.xml that depends on the runtime, sorted. */
export function javaSdkPackages(root) {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .sort()
    .filter((dir) => dir !== 'runtime-java' && existsSync(join(packages, dir, 'pom.xml')))
    .map((dir) => join(packages, dir))
    .filter((dir) => readPom(join(dir, 'pom.xml')).runtimeVersion !== undefined);
}

function writeChecksums(file) {
  const bytes = readFileSync(file);
  writeFileSync(`${file}.sha1`, createHash('sha1').update(bytes).digest('hex'));
  writeFileSync(`${file}.md5`, createHash('md5').update(bytes).digest('hex'));
}

/**
 * Builds one Maven project (sources under src/main/java) into `mavenRoot`: classes, jar, sources
 * jar, javadoc jar and pom. `classpath` holds the jars it compiles against.
 */
async function buildProject({ dir, work, mavenRoot, classpath, moduleName, doclint }) {
  const pomPath = join(dir, 'pom.xml');
  const { pom, groupId, artifactId, version, timestamp } = readPom(pomPath);
  if (!groupId || !artifactId || !version) throw new Error(`${pomPath}: no groupId, artifactId or version`);
  const sources = javaFiles(join(dir, 'src', 'main', 'java'));
  if (sources.length === 0) throw new Error(`${dir}/src/main/java holds no Java sources`);
  const name = `${artifactId}-${version}`;
  const scratch = join(work, artifactId);
  const classes = join(scratch, 'classes');
  const javadoc = join(scratch, 'javadoc');
  mkdirSync(classes, { recursive: true });
  const cp = classpath.length > 0 ? ['-cp', classpath.join(':')] : [];
  const list = argFile(scratch, 'sources.txt', sources);
  await Promise.all([
    run('javac', ['--release', '17', '-Xlint:all', '-Werror', '-encoding', 'UTF-8', '-d', classes, ...cp, list]),
    run('javadoc', [
      '-quiet',
      '--release',
      '17',
      `-Xdoclint:${doclint}`,
      ...(doclint === 'all' ? ['-Werror'] : []),
      '-encoding',
      'UTF-8',
      '-docencoding',
      'UTF-8',
      '-charset',
      'UTF-8',
      '-notimestamp',
      '-d',
      javadoc,
      '-windowtitle',
      `${artifactId} ${version}`,
      '-doctitle',
      `${artifactId} ${version}`,
      ...cp,
      list,
    ]),
  ]);
  // What the Maven jar plugin adds: the pom and its coordinates under META-INF/maven.
  const meta = join(classes, 'META-INF', 'maven', groupId, artifactId);
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(meta, 'pom.xml'), pom);
  writeFileSync(join(meta, 'pom.properties'), `artifactId=${artifactId}\ngroupId=${groupId}\nversion=${version}\n`);
  if (existsSync(join(dir, 'LICENSE'))) cpSync(join(dir, 'LICENSE'), join(classes, 'META-INF', 'LICENSE'));
  const manifest = join(scratch, 'MANIFEST.MF');
  writeFileSync(
    manifest,
    [
      'Manifest-Version: 1.0',
      'Created-By: ecgrid-codegen (javac, jar)',
      'Build-Jdk-Spec: 17',
      `Automatic-Module-Name: ${moduleName}`,
      `Implementation-Title: ${artifactId}`,
      `Implementation-Version: ${version}`,
      '',
    ].join('\n'),
  );
  const dest = artifactDir(mavenRoot, groupId, artifactId, version);
  mkdirSync(dest, { recursive: true });
  const date = timestamp ? [`--date=${timestamp}`] : [];
  const jar = join(dest, `${name}.jar`);
  const sourcesJar = join(dest, `${name}-sources.jar`);
  const javadocJar = join(dest, `${name}-javadoc.jar`);
  await run('jar', ['--create', ...date, '--file', jar, '--manifest', manifest, '-C', classes, '.']);
  await run('jar', [
    '--create',
    ...date,
    '--file',
    sourcesJar,
    '--no-manifest',
    '-C',
    join(dir, 'src', 'main', 'java'),
    '.',
  ]);
  await run('jar', ['--create', ...date, '--file', javadocJar, '--no-manifest', '-C', javadoc, '.']);
  const pomOut = join(dest, `${name}.pom`);
  writeFileSync(pomOut, pom);
  for (const file of [jar, sourcesJar, javadocJar, pomOut]) writeChecksums(file);
  return { groupId, artifactId, version, jar };
}

/** The Java package of a generated SDK: where its Roots.java is. */
function sdkPackage(dir) {
  const base = join(dir, 'src', 'main', 'java');
  const roots = javaFiles(base).find((f) => f.endsWith(`${sep}Roots.java`));
  if (roots === undefined) throw new Error(`${dir} has no Roots.java: not a generated Java package`);
  return relative(base, roots).split(sep).slice(0, -1).join('.');
}

export async function build({ root, out }) {
  const shared = JSON.parse(readFileSync(join(root, 'packages', 'runtime', 'package.json'), 'utf8')).version;
  const runtimeDir = join(root, 'packages', 'runtime-java');
  const runtimePom = readPom(join(runtimeDir, 'pom.xml'));
  if (runtimePom.version !== shared) {
    throw new Error(
      `packages/runtime-java/pom.xml has version ${runtimePom.version}, but the runtimes share @ecgrid/soap-runtime's ${shared} (npm run version-packages writes it)`,
    );
  }
  const mavenRoot = join(out, 'maven');
  mkdirSync(mavenRoot, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'ecgrid-artifacts-java-'));
  try {
    const runtime = await buildProject({
      dir: runtimeDir,
      work,
      mavenRoot,
      classpath: [],
      moduleName: 'io.ecgrid.soap.runtime',
      doclint: 'all',
    });
    for (const dir of javaSdkPackages(root)) {
      const sdk = readPom(join(dir, 'pom.xml'));
      if (sdk.runtimeVersion !== runtime.version) {
        throw new Error(
          `${relative(root, dir)}/pom.xml depends on ${RUNTIME_GROUP}:${RUNTIME_ARTIFACT}:${sdk.runtimeVersion}, but the runtime is ${runtime.version}: regenerate it (npx ecgrid-codegen generate --target java)`,
        );
      }
      await buildProject({
        dir,
        work,
        mavenRoot,
        classpath: [runtime.jar],
        moduleName: sdkPackage(dir),
        doclint: 'all,-missing',
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// node generator/scripts/artifacts/java.mjs [OUT]: builds into OUT (default <root>/artifacts).
if (process.argv[1] !== undefined && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
  await build({ root, out: resolve(process.argv[2] ?? join(root, 'artifacts')) });
}
