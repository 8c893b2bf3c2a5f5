import type { Core } from '../model/core.js';
import { checkReferences } from './check-references.js';
import { checkValues } from './check-values.js';
import { deriveOperations } from './derive-operations.js';
import { reportDuplicates } from './report-duplicates.js';
import { resolveDerivation } from './resolve-derivation.js';
import { resolveElementRefs } from './resolve-element-refs.js';

/** The passes, in order. Each is a pure function from core to core. */
export const PASSES: readonly ((core: Core) => Core)[] = [
  checkReferences,
  resolveDerivation,
  resolveElementRefs,
  checkValues,
  reportDuplicates,
  deriveOperations,
];

export function runPasses(core: Core): Core {
  return PASSES.reduce((current, pass) => pass(current), core);
}
