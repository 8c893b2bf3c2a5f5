import { join } from 'node:path';
import { Project, ts } from 'ts-morph';

/**
 * Type-checks generated TypeScript with strict options, as the files would sit in the output
 * folder (so `@ecgrid/soap-runtime` resolves the way it will for users). Nothing is written.
 */
export async function typecheckFiles(files: ReadonlyMap<string, string>, outDir: string): Promise<string[]> {
  const project = new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      strict: true,
      noUncheckedIndexedAccess: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
    skipAddingFilesFromTsConfig: true,
  });
  for (const [path, text] of files) {
    if (path.endsWith('.ts') && !path.endsWith('tsup.config.ts')) {
      project.createSourceFile(join(outDir, path), text, { overwrite: true });
    }
  }
  const diagnostics = project.getPreEmitDiagnostics();
  return diagnostics.map((d) => {
    const file = d.getSourceFile();
    const message = ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, '\n');
    if (!file) return `error TS${d.getCode()}: ${message}`;
    const { line, column } = file.getLineAndColumnAtPos(d.getStart() ?? 0);
    return `${file.getFilePath()}:${line}:${column}: error TS${d.getCode()}: ${message}`;
  });
}
