export { decodeElement, decodeType, encodeElement, encodeType, toJson, fromJson, type DecodeOptions } from './api.js';
export { compileSchema, attributePropertyName, type CompiledSchema } from './compile.js';
export type { EncodeOptions } from './encode.js';
