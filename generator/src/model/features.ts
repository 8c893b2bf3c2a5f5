/**
 * The XML Schema and WSDL constructs a target language may or may not handle yet, found in the
 * typed core before anything is rendered. Each language adapter lists the features it supports
 * (`LanguageAdapter.features`); the generator refuses a WSDL that uses any other one with a
 * positioned `unsupported-feature` error, so no target writes code that would fail at run time.
 * The README's capability table has one row per feature and one column per language; a test holds
 * it equal to the adapters' lists.
 */
import type { Core, Diagnostic, Origin, Particle } from './core.js';
import { isBuiltin } from './core.js';

/** Every feature, with the words the capability table and the error messages use for it. */
export const FEATURES = {
  derivation: 'complexContent extension and restriction, with xsi:type on decode and encode',
  abstract: 'abstract types and abstract elements',
  choice: 'xs:choice',
  'nested-sequence': 'nested xs:sequence (optional, repeated or a choice option)',
  all: 'xs:all',
  'simple-content': 'simpleContent (a value with attributes)',
  list: 'xs:list',
  union: 'xs:union',
  'default-fixed': 'default and fixed values',
  nillable: 'nillable elements (nil kept apart from absent)',
  mixed: 'mixed content',
  any: 'xs:any and xs:anyType (kept as XML)',
  'substitution-group': 'substitution groups',
  'rpc-literal': 'rpc/literal operations',
  'rpc-encoded': 'rpc/encoded operations',
  'soap-array': 'SOAP-encoded arrays',
  'soap-header': 'SOAP headers (soap:header)',
  'fault-detail': 'faults with typed details',
  'one-way': 'one-way operations',
  'any-attribute': 'xs:anyAttribute (undeclared attributes kept)',
} as const;

export type Feature = keyof typeof FEATURES;

/**
 * Features a language may lack and still generate correct code for the rest: a warning says
 * what its SDK does instead, where other features are refused with an error.
 */
const DEGRADED: Partial<Record<Feature, string>> = {
  'any-attribute': 'attributes it matches are dropped on decode and cannot be sent',
};

export const FEATURE_NAMES = Object.keys(FEATURES) as Feature[];

/** One place the core uses a feature: where, and what it is there (for the message). */
export interface FeatureUse {
  readonly feature: Feature;
  readonly what: string;
  readonly origin: Origin;
}

/** Every use of every feature in the core, in declaration order (types, elements, then operations). */
export function featureUses(core: Core): FeatureUse[] {
  const uses: FeatureUse[] = [];
  const use = (feature: Feature, what: string, origin: Origin) => uses.push({ feature, what, origin });
  const particles = (owner: string, ownerId: string, content: readonly Particle[]) => {
    for (const particle of content) {
      switch (particle.kind) {
        case 'choice':
          use('choice', `the choice ${particle.name} of ${owner}`, particle.origin);
          particles(owner, ownerId, particle.options);
          break;
        case 'sequence':
          use('nested-sequence', `the nested sequence ${particle.name} of ${owner}`, particle.origin);
          particles(owner, ownerId, particle.content);
          break;
        case 'any':
          use('any', `the xs:any of ${owner}`, particle.origin);
          break;
        case 'element':
          if (particle.defaultValue !== undefined || particle.fixedValue !== undefined)
            use('default-fixed', `the element ${particle.name} of ${owner}`, particle.origin);
          if (particle.nillable && !rpcWrappers.has(ownerId))
            use('nillable', `the element ${particle.name} of ${owner}`, particle.origin);
          if (particle.substitutes !== undefined && particle.substitutes.length > 0)
            use('substitution-group', `the element ${particle.name} of ${owner}`, particle.origin);
          if (particle.type === ANY_TYPE)
            use('any', `the element ${particle.name} of ${owner} (xs:anyType)`, particle.origin);
          break;
        default: {
          const never: never = particle;
          return never;
        }
      }
    }
  };
  // The wrappers the generator makes for rpc operations have a nillable particle per part: that
  // is part of the rpc features, not a use of nillable elements.
  const rpcWrappers = new Set(core.elements.filter((e) => e.synthesized === 'rpc').map((e) => e.type));
  for (const type of core.types) {
    if (type.kind === 'simple') {
      if (type.variety === 'list') use('list', `the list type ${type.name}`, type.origin);
      if (type.variety === 'union') use('union', `the union type ${type.name}`, type.origin);
      continue;
    }
    const owner = `the type ${type.name}`;
    if (type.soapArrayItem !== undefined) use('soap-array', `the SOAP-encoded array ${type.name}`, type.origin);
    else if (type.simpleContent !== undefined) use('simple-content', owner, type.origin);
    else if (type.base !== undefined && !isBuiltin(type.base))
      use('derivation', `${owner} (${type.derivation ?? 'extension'} of ${type.base})`, type.origin);
    if (type.abstract) use('abstract', owner, type.origin);
    if (type.mixed) use('mixed', owner, type.origin);
    if (type.anyAttribute !== undefined) use('any-attribute', owner, type.anyAttribute.origin);
    if (type.all) use('all', owner, type.origin);
    for (const attribute of type.attributes) {
      if (attribute.defaultValue !== undefined || attribute.fixedValue !== undefined)
        use('default-fixed', `the attribute ${attribute.name} of ${type.name}`, attribute.origin);
    }
    particles(type.name, type.id, type.content);
  }
  for (const element of core.elements) {
    const owner = `the element ${element.name}`;
    if (element.abstract) use('abstract', owner, element.origin);
    if (element.substitutionGroup !== undefined) use('substitution-group', owner, element.origin);
    if (element.defaultValue !== undefined || element.fixedValue !== undefined)
      use('default-fixed', owner, element.origin);
    if (element.nillable) use('nillable', owner, element.origin);
    if (element.type === ANY_TYPE) use('any', `${owner} (xs:anyType)`, element.origin);
  }
  for (const service of core.services) {
    for (const op of service.operations) {
      const owner = `the operation ${op.name}`;
      if (op.style === 'rpc') use(op.encoded ? 'rpc-encoded' : 'rpc-literal', owner, op.origin);
      else if (op.encoded) use('rpc-encoded', `${owner} (document/encoded)`, op.origin);
      if (op.headers.length > 0) use('soap-header', owner, op.origin);
      if (op.faults.length > 0) use('fault-detail', owner, op.origin);
      if (op.output === undefined) use('one-way', owner, op.origin);
    }
  }
  return uses;
}

const ANY_TYPE = '{http://www.w3.org/2001/XMLSchema}anyType';

/**
 * The diagnostics for the features a language does not support: one per feature and declaration,
 * at most `limit` in all (then one line that says how many more), in core order. Errors, except
 * for a feature the language can do without (`DEGRADED`): a warning that says what happens.
 */
export function unsupportedFeatures(
  core: Core,
  language: { readonly name: string; readonly features: readonly Feature[] },
  limit = 20,
): Diagnostic[] {
  const supported = new Set<Feature>(language.features);
  const missing = featureUses(core).filter((u) => !supported.has(u.feature));
  const seen = new Set<string>();
  const unique = missing.filter((u) => {
    const key = `${u.feature} ${u.origin.file}:${u.origin.line}:${u.origin.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const diagnostics: Diagnostic[] = unique.slice(0, limit).map((u) => {
    const degraded = DEGRADED[u.feature];
    return {
      code: 'unsupported-feature',
      severity: degraded === undefined ? 'error' : 'warning',
      message: `the ${language.name} target does not support ${FEATURES[u.feature]} yet: ${u.what}${degraded === undefined ? '' : `; ${degraded}`}`,
      origin: u.origin,
    };
  });
  if (unique.length > limit) {
    const rest = unique.slice(limit);
    const features = [...new Set(rest.map((u) => u.feature))].join(', ');
    const severity = rest.every((u) => DEGRADED[u.feature] !== undefined) ? 'warning' : 'error';
    diagnostics.push({
      code: 'unsupported-feature',
      severity,
      message: `the ${language.name} target: ${rest.length} more uses of features it does not support yet (${features})`,
    });
  }
  return diagnostics;
}
