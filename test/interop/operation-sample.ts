/**
 * A deterministic sample of operations of a service for interop tests: operations whose messages
 * use arrays, enumerations, xs:long and xs:dateTime, then others, in name order.
 */
import type { OperationDescriptor, QNameId, SchemaDescriptor, ServiceDescriptor } from '@ecgrid/soap-runtime';
import { encodeElement } from '@ecgrid/soap-runtime';
import { echoRequest } from '../../generator/src/mock/mock-server.js';
import { sampleValue } from '../../generator/src/samples/sample-value.js';

export type Feature = 'array' | 'enum' | 'long' | 'dateTime' | 'boolean' | 'nillable';

const XSD = '{http://www.w3.org/2001/XMLSchema}';

/** The features the values of an element's type can use (recursively). */
export function featuresOf(schema: SchemaDescriptor, elementId: QNameId): Set<Feature> {
  const found = new Set<Feature>();
  const seen = new Set<QNameId>();
  const visit = (typeId: QNameId): void => {
    if (typeId === `${XSD}long`) found.add('long');
    if (typeId === `${XSD}dateTime`) found.add('dateTime');
    if (typeId === `${XSD}boolean`) found.add('boolean');
    if (seen.has(typeId) || typeId.startsWith(XSD)) return;
    seen.add(typeId);
    const type = schema.types[typeId];
    if (type === undefined) return;
    if (type.kind === 'enum') found.add('enum');
    if (type.kind === 'complex') {
      for (const p of type.content) {
        if (p.kind !== 'element') continue;
        if (p.max !== 1) found.add('array');
        if (p.nillable) found.add('nillable');
        visit(p.type);
      }
    }
    if (type.kind === 'soap-array') {
      found.add('array');
      visit(type.item);
    }
  };
  const element = schema.elements[elementId];
  if (element !== undefined) visit(element.type);
  return found;
}

/** True when a type or its descendants hold kept XML (xs:any), which peers read differently. */
function holdsAny(schema: SchemaDescriptor, elementId: QNameId): boolean {
  const seen = new Set<QNameId>();
  const visit = (typeId: QNameId): boolean => {
    if (seen.has(typeId) || typeId.startsWith(XSD)) return typeId === `${XSD}anyType`;
    seen.add(typeId);
    const type = schema.types[typeId];
    if (type === undefined || type.kind !== 'complex') return false;
    return type.content.some((p) => p.kind !== 'element' || visit(p.type));
  };
  const element = schema.elements[elementId];
  return element !== undefined && visit(element.type);
}

/**
 * At least `perFeature` operations for each of array, enum, long and dateTime (by response, then
 * request), then more in name order up to `total`. Operations with xs:any content, one-way
 * operations and non-wrapped ones are left out.
 */
export function sampleOperations(
  schema: SchemaDescriptor,
  service: ServiceDescriptor,
  total = 24,
  perFeature = 5,
): OperationDescriptor[] {
  const candidates = Object.values(service.operations)
    .filter(
      (op) =>
        op.output !== undefined &&
        op.wrapped &&
        !op.encoded &&
        !holdsAny(schema, op.output) &&
        !holdsAny(schema, op.input),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const picked = new Map<string, OperationDescriptor>();
  for (const feature of ['array', 'enum', 'long', 'dateTime'] as const) {
    let count = 0;
    for (const op of candidates) {
      if (count >= perFeature) break;
      if (featuresOf(schema, op.output!).has(feature) || featuresOf(schema, op.input).has(feature)) {
        if (!picked.has(op.name)) picked.set(op.name, op);
        count++;
      }
    }
  }
  for (const op of candidates) {
    if (picked.size >= total) break;
    picked.set(op.name, op);
  }
  return [...picked.values()];
}

/** What a peer client made of one call: the value it read, or its error. */
export interface PeerOutcome {
  readonly error?: string;
  readonly result?: unknown;
}

/**
 * What `ecgrid-codegen mock` answers to the generated sample request of an operation: the
 * generated sample of its output element, with the fields named like request fields echoing it.
 */
export function mockAnswer(schema: SchemaDescriptor, op: OperationDescriptor): unknown {
  const output = op.output;
  if (output === undefined) return undefined;
  const fits = (value: unknown): boolean => {
    try {
      encodeElement(schema, output, value);
      return true;
    } catch {
      return false;
    }
  };
  return echoRequest(
    sampleValue(schema, output, { as: 'element' }),
    sampleValue(schema, op.input, { as: 'element' }),
    fits,
  );
}

/**
 * Checks a peer client's outcome of each sampled operation against what the mock answered (the
 * generated sample of the output element, with the fields named like request fields echoing the
 * sampled request, as `ecgrid-codegen mock` does; its single child, the result): `compare` adds a
 * line to `problems` for each difference. The peers are called with the generated sample of each
 * input element. Returns the problems, with every call's error.
 */
export function compareOutcomes(
  schema: SchemaDescriptor,
  operations: readonly OperationDescriptor[],
  outcomes: readonly PeerOutcome[],
  compare: (expected: unknown, actual: unknown, operation: string, problems: string[]) => void,
): string[] {
  const problems: string[] = [];
  for (const [i, op] of operations.entries()) {
    const outcome = outcomes[i]!;
    if (outcome.error !== undefined) {
      problems.push(`${op.name}: ${outcome.error}`);
      continue;
    }
    const answered = mockAnswer(schema, op);
    const expected = Object.values(answered as Record<string, unknown>)[0];
    compare(expected, outcome.result, op.name, problems);
  }
  return problems;
}
