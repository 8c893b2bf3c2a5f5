/** Where each runtime records its version: the file (relative to the repository) and a pattern whose first group is the version. */
export declare const RUNTIME_VERSION_FILES: readonly { readonly file: string; readonly pattern: RegExp }[];

/** Brings every runtime's version to @ecgrid/soap-runtime's (or, with `check`, only reports); returns the files that differed. */
export declare function syncRuntimeVersions(root: string, options?: { readonly check?: boolean }): { file: string; found: string; version: string }[];
