/** The generator as a library: the pipeline stages, for tests and for tools built on it. */
export type { Core, Diagnostic, Origin, TypeDecl, ServiceDecl } from './model/core.js';
export { loadCore, renderTree, viewFor } from './pipeline.js';
export { findLanguage, languageNames } from './languages.js';
export { buildSchemaDescriptor, buildServiceDescriptor } from './descriptor/build-descriptor.js';
export { runCli } from './cli/main.js';
export type { CliIo } from './cli/io.js';
export { diffTree, writeTree } from './write/write-tree.js';
export { sampleValue, type SampleOptions } from './samples/sample-value.js';
export { COMPILE_OPTIONS, PRECOMPILED_DIR } from './render/render.js';
