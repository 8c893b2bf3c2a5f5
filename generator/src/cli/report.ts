import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/core.js';

/** `FILE:LINE:COL: severity CODE: message`, the format editors and CI annotate. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.origin ? `${d.origin.file}:${d.origin.line}:${d.origin.column}: ` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}`;
}

/** Input errors are already diagnostics; this prints them and says whether any was an error. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], stderr: (line: string) => void): boolean {
  let failed = false;
  for (const d of diagnostics) {
    stderr(formatDiagnostic(d));
    if (d.severity === 'error') failed = true;
  }
  return failed;
}

/** A path as shown to users and written into generated files: relative to the working folder, `/`-separated. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return (rel || basename(path)).split(sep).join('/');
}

/**
 * The WSDL as generated files name it: relative to the output folder's parent (the project the
 * packages belong to), `/`-separated; its file name alone when it lies outside that folder. The
 * working folder plays no part, so the same input and output give the same bytes from anywhere.
 */
export function sourceName(wsdl: string, outDir: string, cwd: string): string {
  const rel = relative(dirname(resolve(cwd, outDir)), resolve(cwd, wsdl));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return basename(wsdl);
  return rel.split(sep).join('/');
}
