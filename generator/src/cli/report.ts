import { basename, relative, resolve, sep } from 'node:path';
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
