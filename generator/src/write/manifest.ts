/** The manifest of generated files, kept in the output folder so a rerun can remove stale ones. */
export const MANIFEST_NAME = '.ecgrid-codegen-manifest.json';

export interface Manifest {
  readonly generator: 'ecgrid-codegen';
  readonly formatVersion: 1;
  /** Per target language: the WSDL it came from and every file written, sorted. */
  readonly targets: Readonly<Record<string, { readonly source: string; readonly files: readonly string[] }>>;
}

export function emptyManifest(): Manifest {
  return { generator: 'ecgrid-codegen', formatVersion: 1, targets: {} };
}

export function parseManifest(text: string | undefined): Manifest | 'invalid' {
  if (text === undefined) return emptyManifest();
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    if (
      value.generator !== 'ecgrid-codegen' ||
      value.formatVersion !== 1 ||
      typeof value.targets !== 'object' ||
      value.targets === null
    )
      return 'invalid';
    for (const target of Object.values(value.targets)) {
      if (!Array.isArray(target.files) || !target.files.every((f) => typeof f === 'string' && isSafeRelativePath(f)))
        return 'invalid';
    }
    return value as Manifest;
  } catch {
    return 'invalid';
  }
}

export function serializeManifest(manifest: Manifest): string {
  const targets = Object.fromEntries(
    Object.keys(manifest.targets)
      .sort()
      .map((key) => {
        const target = manifest.targets[key];
        return [key, { source: target?.source ?? '', files: [...(target?.files ?? [])].sort() }];
      }),
  );
  return `${JSON.stringify({ generator: manifest.generator, formatVersion: manifest.formatVersion, targets }, null, 2)}\n`;
}

/** A relative, `/`-separated path that stays inside its folder. */
export function isSafeRelativePath(path: string): boolean {
  if (!path || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
