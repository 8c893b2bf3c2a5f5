/**
 * The API diff: compares two typed cores, keyed by names (never by position or namespace, so a
 * moved target namespace is one change, not every declaration removed and added again), and
 * marks each change breaking or not for code that uses the generated SDKs.
 *
 * Rules, from the point of view of a consumer's code and of the wire:
 * - removed operation, parameter, field, type, enumeration value, service or endpoint: breaking;
 * - a changed type, occurrence (single <-> repeated), style, or namespace: breaking;
 * - a field that became required (or a new required request field): breaking; a field of a
 *   response that became optional or nillable: breaking (readers must handle absence/null);
 * - added operation, optional field, type, enumeration value, endpoint: not breaking;
 * - a changed endpoint address or SOAPAction: not breaking (the generated client follows);
 * - documentation only: not breaking, and the only kind that implies a patch release.
 */
import type {
  Core,
  ElementParticle,
  Particle,
  PortDecl,
  ServiceDecl,
  ServiceOperation,
  TypeDecl,
} from '../model/core.js';
import { decodeXmlName, isBuiltin, splitQNameId } from '../model/core.js';

export type ChangeKind = 'added' | 'removed' | 'changed';
export type ChangeSubject =
  | 'service'
  | 'namespace'
  | 'endpoint'
  | 'operation'
  | 'parameter'
  | 'response'
  | 'fault'
  | 'type'
  | 'field'
  | 'enum-value'
  | 'documentation';

export interface ApiChange {
  readonly kind: ChangeKind;
  readonly subject: ChangeSubject;
  /** What changed, by name: `KeySet`, `KeySet(Visibility)`, `KeyIDInfo.KeyID`, `KeyVisibility.Shared`. */
  readonly path: string;
  readonly breaking: boolean;
  /** Human-readable detail: `type xs:int -> xs:long`, `minOccurs 0 -> 1`. */
  readonly detail?: string;
}

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface ApiDiff {
  readonly old: { readonly source: string; readonly name: string; readonly targetNamespace: string };
  readonly new: { readonly source: string; readonly name: string; readonly targetNamespace: string };
  readonly breaking: boolean;
  /** The semver bump the changes imply: major when any is breaking, patch for documentation only. */
  readonly bump: Bump;
  readonly changes: readonly ApiChange[];
}

/** A type reference as a consumer reads it: `xs:int`, or the schema's local name. */
function typeRef(id: string | undefined): string {
  if (id === undefined) return '(none)';
  const { local } = splitQNameId(id);
  return isBuiltin(id) ? `xs:${local}` : local;
}

interface FieldInfo {
  readonly name: string;
  readonly type: string;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  readonly nillable: boolean;
  readonly attribute: boolean;
  readonly documentation?: string;
}

/** The fields of a complex type, flattened: a member of a choice is optional, of a repeated group repeated. */
function fieldsOf(type: TypeDecl | undefined): Map<string, FieldInfo> {
  const fields = new Map<string, FieldInfo>();
  if (type?.kind !== 'complex') return fields;
  const walk = (particles: readonly Particle[], optional: boolean, repeated: boolean) => {
    for (const p of particles) {
      if (p.kind === 'element') {
        const e: ElementParticle = p;
        fields.set(e.name, {
          name: e.name,
          type: typeRef(e.type),
          minOccurs: optional ? 0 : e.minOccurs,
          maxOccurs: repeated ? -1 : e.maxOccurs,
          nillable: e.nillable,
          attribute: false,
          ...(e.documentation !== undefined ? { documentation: e.documentation } : {}),
        });
      } else if (p.kind === 'any') {
        fields.set(p.name, {
          name: p.name,
          type: 'xs:any',
          minOccurs: optional ? 0 : p.minOccurs,
          maxOccurs: repeated ? -1 : p.maxOccurs,
          nillable: false,
          attribute: false,
        });
      } else if (p.kind === 'choice') {
        walk(p.options, true, repeated || p.maxOccurs !== 1);
      } else {
        walk(p.content, optional || p.minOccurs === 0, repeated || p.maxOccurs !== 1);
      }
    }
  };
  walk(type.content, false, false);
  for (const a of type.attributes) {
    fields.set(`@${a.name}`, {
      name: `@${a.name}`,
      type: typeRef(a.type),
      minOccurs: a.required ? 1 : 0,
      maxOccurs: 1,
      nillable: false,
      attribute: true,
      ...(a.documentation !== undefined ? { documentation: a.documentation } : {}),
    });
  }
  return fields;
}

function occurs(min: number, max: number): string {
  return `${min}..${max < 0 ? '*' : max}`;
}

/** Where a type is used: reachable from a request (`input`), from a response (`output`). */
interface Usage {
  readonly input: Set<string>;
  readonly output: Set<string>;
}

class Model {
  readonly typesById = new Map<string, TypeDecl>();
  readonly elementsById = new Map<string, Core['elements'][number]>();
  /** Named types by local name; the anonymous types of operation wrappers are left out. */
  readonly types = new Map<string, TypeDecl>();
  readonly operations = new Map<string, ServiceOperation>();
  readonly usage: Usage = { input: new Set(), output: new Set() };

  constructor(readonly core: Core) {
    for (const t of core.types) this.typesById.set(t.id, t);
    for (const e of core.elements) this.elementsById.set(e.id, e);
    const wrappers = new Set<string>();
    for (const service of core.services) {
      for (const op of service.operations) {
        if (!this.operations.has(op.name)) this.operations.set(op.name, op);
        wrappers.add(op.input);
        if (op.output) wrappers.add(op.output);
      }
    }
    for (const t of core.types) {
      if (t.anonymousIn !== undefined && wrappers.has(t.anonymousIn)) continue;
      if (!this.types.has(t.name)) this.types.set(t.name, t);
    }
    for (const op of this.operations.values()) {
      this.reach(this.elementsById.get(op.input)?.type, this.usage.input);
      for (const h of op.headers) this.reach(this.elementsById.get(h)?.type, this.usage.input);
      if (op.output) this.reach(this.elementsById.get(op.output)?.type, this.usage.output);
      for (const f of op.faults) this.reach(this.elementsById.get(f.element)?.type, this.usage.output);
    }
  }

  /** Marks a type and everything it refers to (fields, bases, items) as used in one direction. */
  private reach(id: string | undefined, seen: Set<string>): void {
    const stack = id === undefined ? [] : [id];
    while (stack.length) {
      const next = stack.pop()!;
      const type = this.typesById.get(next);
      if (!type || seen.has(type.name)) continue;
      seen.add(type.name);
      if (type.kind === 'complex') {
        if (type.base) stack.push(type.base);
        if (type.soapArrayItem) stack.push(type.soapArrayItem);
        if (type.simpleContent) stack.push(type.simpleContent);
        const visit = (ps: readonly Particle[]) => {
          for (const p of ps) {
            if (p.kind === 'element') {
              stack.push(p.type);
              for (const s of p.substitutes ?? []) {
                const e = this.elementsById.get(s);
                if (e) stack.push(e.type);
              }
            } else if (p.kind === 'choice') visit(p.options);
            else if (p.kind === 'sequence') visit(p.content);
          }
        };
        visit(type.content);
        for (const a of type.attributes) stack.push(a.type);
      } else {
        stack.push(type.base);
        if (type.itemType) stack.push(type.itemType);
        for (const m of type.memberTypes ?? []) stack.push(m);
      }
    }
    // Derived types may stand where their base is used (xsi:type).
    let grew = true;
    while (grew) {
      grew = false;
      for (const type of this.core.types) {
        if (type.kind !== 'complex' || !type.base || seen.has(type.name)) continue;
        const base = this.typesById.get(type.base);
        if (base && seen.has(base.name)) {
          this.reach(type.id, seen);
          grew = true;
        }
      }
    }
  }

  typeOfElement(id: string | undefined): TypeDecl | undefined {
    if (id === undefined) return undefined;
    const element = this.elementsById.get(id);
    return element ? this.typesById.get(element.type) : undefined;
  }
}

/** Compares the fields of one type (or one operation's parameters / response) in both cores. */
function diffFields(
  owner: string,
  subject: 'field' | 'parameter' | 'response',
  before: Map<string, FieldInfo>,
  after: Map<string, FieldInfo>,
  role: { input: boolean; output: boolean },
  out: ApiChange[],
): void {
  const pathOf = (name: string) => (subject === 'parameter' ? `${owner}(${name})` : `${owner}.${name}`);
  for (const [name, old] of before) {
    const now = after.get(name);
    if (!now) {
      out.push({ kind: 'removed', subject, path: pathOf(name), breaking: true });
      continue;
    }
    const details: string[] = [];
    let breaking = false;
    if (old.type !== now.type) {
      details.push(`type ${old.type} -> ${now.type}`);
      breaking = true;
    }
    if (old.minOccurs !== now.minOccurs || old.maxOccurs !== now.maxOccurs) {
      details.push(`occurs ${occurs(old.minOccurs, old.maxOccurs)} -> ${occurs(now.minOccurs, now.maxOccurs)}`);
      if ((old.maxOccurs === 1) !== (now.maxOccurs === 1)) breaking = true; // single <-> array
      if (old.minOccurs === 0 && now.minOccurs > 0 && role.input) breaking = true; // became required
      if (old.minOccurs > 0 && now.minOccurs === 0 && role.output) breaking = true; // may be absent now
      if (now.minOccurs > old.minOccurs && role.input) breaking = true;
    }
    if (old.nillable !== now.nillable) {
      details.push(now.nillable ? 'became nillable' : 'no longer nillable');
      if (now.nillable && role.output) breaking = true;
      if (!now.nillable && role.input) breaking = true;
    }
    if (details.length) {
      out.push({ kind: 'changed', subject, path: pathOf(name), breaking, detail: details.join(', ') });
    } else if ((old.documentation ?? '') !== (now.documentation ?? '')) {
      out.push({
        kind: 'changed',
        subject: 'documentation',
        path: pathOf(name),
        breaking: false,
        detail: 'documentation',
      });
    }
  }
  for (const [name, now] of after) {
    if (before.has(name)) continue;
    const required = now.minOccurs > 0;
    out.push({
      kind: 'added',
      subject,
      path: pathOf(name),
      // A new required value breaks whoever has to provide it: the caller, for a request.
      breaking: required && role.input,
      detail: `${now.type} ${required ? 'required' : 'optional'}${now.maxOccurs !== 1 ? ', repeated' : ''}`,
    });
  }
}

function diffType(
  name: string,
  old: TypeDecl,
  now: TypeDecl,
  oldModel: Model,
  newModel: Model,
  out: ApiChange[],
): void {
  const role = {
    input: oldModel.usage.input.has(name) || newModel.usage.input.has(name),
    output: oldModel.usage.output.has(name) || newModel.usage.output.has(name),
  };
  if (!role.input && !role.output) {
    // Not reachable from any operation: judge as if used both ways (the conservative reading).
    role.input = true;
    role.output = true;
  }
  if (old.kind !== now.kind) {
    out.push({
      kind: 'changed',
      subject: 'type',
      path: name,
      breaking: true,
      detail: `${old.kind} type -> ${now.kind} type`,
    });
    return;
  }
  if (
    old.namespace !== now.namespace &&
    !(old.namespace === oldModel.core.targetNamespace && now.namespace === newModel.core.targetNamespace)
  ) {
    out.push({
      kind: 'changed',
      subject: 'namespace',
      path: name,
      breaking: true,
      detail: `${old.namespace} -> ${now.namespace}`,
    });
  }
  if (old.kind === 'simple' && now.kind === 'simple') {
    if (typeRef(old.base) !== typeRef(now.base) || old.variety !== now.variety) {
      out.push({
        kind: 'changed',
        subject: 'type',
        path: name,
        breaking: true,
        detail: `${old.variety} of ${typeRef(old.base)} -> ${now.variety} of ${typeRef(now.base)}`,
      });
    }
    const before = new Map((old.enumeration ?? []).map((v) => [v.value, v]));
    const after = new Map((now.enumeration ?? []).map((v) => [v.value, v]));
    for (const value of before.keys())
      if (!after.has(value))
        out.push({ kind: 'removed', subject: 'enum-value', path: `${name}.${value}`, breaking: true });
    for (const value of after.keys()) {
      // A new value breaks nothing that compiles; an exhaustive switch gets a compiler hint.
      if (!before.has(value))
        out.push({ kind: 'added', subject: 'enum-value', path: `${name}.${value}`, breaking: false });
    }
  } else if (old.kind === 'complex' && now.kind === 'complex') {
    if (typeRef(old.base) !== typeRef(now.base) && (old.base !== undefined || now.base !== undefined)) {
      out.push({
        kind: 'changed',
        subject: 'type',
        path: name,
        breaking: true,
        detail: `base ${typeRef(old.base)} -> ${typeRef(now.base)}`,
      });
    }
    if (old.abstract !== now.abstract && now.abstract)
      out.push({ kind: 'changed', subject: 'type', path: name, breaking: true, detail: 'became abstract' });
    if (typeRef(old.soapArrayItem) !== typeRef(now.soapArrayItem)) {
      out.push({
        kind: 'changed',
        subject: 'type',
        path: name,
        breaking: true,
        detail: `array of ${typeRef(old.soapArrayItem)} -> ${typeRef(now.soapArrayItem)}`,
      });
    }
    diffFields(name, 'field', fieldsOf(old), fieldsOf(now), role, out);
  }
  if ((old.documentation ?? '') !== (now.documentation ?? '')) {
    out.push({ kind: 'changed', subject: 'documentation', path: name, breaking: false, detail: 'documentation' });
  }
}

function diffOperation(
  name: string,
  old: ServiceOperation,
  now: ServiceOperation,
  oldModel: Model,
  newModel: Model,
  out: ApiChange[],
): void {
  const details: string[] = [];
  if (old.style !== now.style || old.encoded !== now.encoded)
    details.push(
      `${old.style}/${old.encoded ? 'encoded' : 'literal'} -> ${now.style}/${now.encoded ? 'encoded' : 'literal'}`,
    );
  if (old.wrapped !== now.wrapped) details.push(now.wrapped ? 'became wrapped' : 'no longer wrapped');
  if ((old.output === undefined) !== (now.output === undefined))
    details.push(now.output ? 'now returns a response' : 'became one-way');
  if (details.length)
    out.push({ kind: 'changed', subject: 'operation', path: name, breaking: true, detail: details.join(', ') });
  // A SOAPAction that only follows the moved target namespace is part of that one change.
  const implied =
    old.soapAction.startsWith(oldModel.core.targetNamespace) &&
    now.soapAction === newModel.core.targetNamespace + old.soapAction.slice(oldModel.core.targetNamespace.length);
  if (old.soapAction !== now.soapAction && !implied) {
    out.push({
      kind: 'changed',
      subject: 'operation',
      path: name,
      breaking: false,
      detail: `SOAPAction ${old.soapAction} -> ${now.soapAction}`,
    });
  }
  const oldIn = oldModel.typeOfElement(old.input);
  const newIn = newModel.typeOfElement(now.input);
  if (old.wrapped && now.wrapped) {
    diffFields(name, 'parameter', fieldsOf(oldIn), fieldsOf(newIn), { input: true, output: false }, out);
  } else if (typeRef(oldIn?.id) !== typeRef(newIn?.id)) {
    out.push({
      kind: 'changed',
      subject: 'parameter',
      path: name,
      breaking: true,
      detail: `request ${typeRef(oldIn?.id)} -> ${typeRef(newIn?.id)}`,
    });
  }
  const oldOut = oldModel.typeOfElement(old.output);
  const newOut = newModel.typeOfElement(now.output);
  if (oldOut && newOut) {
    if (oldOut.anonymousIn !== undefined && newOut.anonymousIn !== undefined) {
      diffFields(
        `${name} response`,
        'response',
        fieldsOf(oldOut),
        fieldsOf(newOut),
        { input: false, output: true },
        out,
      );
    } else if (typeRef(oldOut.id) !== typeRef(newOut.id)) {
      out.push({
        kind: 'changed',
        subject: 'response',
        path: name,
        breaking: true,
        detail: `response ${typeRef(oldOut.id)} -> ${typeRef(newOut.id)}`,
      });
    }
  }
  const oldFaults = new Set(old.faults.map((f) => f.name));
  const newFaults = new Set(now.faults.map((f) => f.name));
  for (const f of oldFaults)
    if (!newFaults.has(f)) out.push({ kind: 'removed', subject: 'fault', path: `${name}!${f}`, breaking: true });
  for (const f of newFaults)
    if (!oldFaults.has(f)) out.push({ kind: 'added', subject: 'fault', path: `${name}!${f}`, breaking: false });
  if ((old.documentation ?? '') !== (now.documentation ?? '')) {
    out.push({ kind: 'changed', subject: 'documentation', path: name, breaking: false, detail: 'documentation' });
  }
}

/** Services are paired by name; a single service on each side is the same one, renamed. */
function pairServices(
  old: readonly ServiceDecl[],
  now: readonly ServiceDecl[],
): { pairs: [ServiceDecl, ServiceDecl][]; removed: ServiceDecl[]; added: ServiceDecl[] } {
  if (old.length === 1 && now.length === 1) return { pairs: [[old[0]!, now[0]!]], removed: [], added: [] };
  const pairs: [ServiceDecl, ServiceDecl][] = [];
  const byName = new Map(now.map((s) => [s.name, s]));
  const removed: ServiceDecl[] = [];
  for (const s of old) {
    const match = byName.get(s.name);
    if (match) pairs.push([s, match]);
    else removed.push(s);
  }
  const paired = new Set(pairs.map(([, s]) => s.name));
  return { pairs, removed, added: now.filter((s) => !paired.has(s.name)) };
}

function sortedKeys<T>(map: Map<string, T>): string[] {
  return [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function diffCores(oldCore: Core, newCore: Core): ApiDiff {
  const oldModel = new Model(oldCore);
  const newModel = new Model(newCore);
  const changes: ApiChange[] = [];

  if (oldCore.targetNamespace !== newCore.targetNamespace) {
    changes.push({
      kind: 'changed',
      subject: 'namespace',
      path: 'targetNamespace',
      breaking: true,
      detail: `${oldCore.targetNamespace} -> ${newCore.targetNamespace}`,
    });
  }
  const services = pairServices(oldCore.services, newCore.services);
  for (const s of services.removed)
    changes.push({ kind: 'removed', subject: 'service', path: decodeXmlName(s.name), breaking: true });
  for (const s of services.added)
    changes.push({ kind: 'added', subject: 'service', path: decodeXmlName(s.name), breaking: false });
  for (const [old, now] of services.pairs) {
    const name = decodeXmlName(now.name);
    if (old.name !== now.name) {
      // The client class and the package names follow the service name.
      changes.push({
        kind: 'changed',
        subject: 'service',
        path: decodeXmlName(old.name),
        breaking: true,
        detail: `renamed to ${name}`,
      });
    }
    const before = new Map<string, PortDecl>(old.ports.map((p) => [p.protocol, p]));
    const after = new Map<string, PortDecl>(now.ports.map((p) => [p.protocol, p]));
    for (const protocol of sortedKeys(before)) {
      const p = before.get(protocol)!;
      const q = after.get(protocol);
      if (!q)
        changes.push({
          kind: 'removed',
          subject: 'endpoint',
          path: `${name} ${protocol}`,
          breaking: true,
          detail: p.address ?? '',
        });
      else if (p.address !== q.address)
        changes.push({
          kind: 'changed',
          subject: 'endpoint',
          path: `${name} ${protocol}`,
          breaking: false,
          detail: `${p.address ?? '(none)'} -> ${q.address ?? '(none)'}`,
        });
    }
    for (const protocol of sortedKeys(after)) {
      if (!before.has(protocol))
        changes.push({
          kind: 'added',
          subject: 'endpoint',
          path: `${name} ${protocol}`,
          breaking: false,
          detail: after.get(protocol)!.address ?? '',
        });
    }
  }

  for (const name of sortedKeys(oldModel.operations)) {
    const now = newModel.operations.get(name);
    if (!now) changes.push({ kind: 'removed', subject: 'operation', path: name, breaking: true });
    else diffOperation(name, oldModel.operations.get(name)!, now, oldModel, newModel, changes);
  }
  for (const name of sortedKeys(newModel.operations)) {
    if (!oldModel.operations.has(name))
      changes.push({ kind: 'added', subject: 'operation', path: name, breaking: false });
  }

  for (const name of sortedKeys(oldModel.types)) {
    const now = newModel.types.get(name);
    if (!now) changes.push({ kind: 'removed', subject: 'type', path: name, breaking: true });
    else diffType(name, oldModel.types.get(name)!, now, oldModel, newModel, changes);
  }
  for (const name of sortedKeys(newModel.types)) {
    if (!oldModel.types.has(name)) changes.push({ kind: 'added', subject: 'type', path: name, breaking: false });
  }
  if ((oldCore.documentation ?? '') !== (newCore.documentation ?? '')) {
    changes.push({
      kind: 'changed',
      subject: 'documentation',
      path: newCore.name,
      breaking: false,
      detail: 'documentation',
    });
  }

  const breaking = changes.some((c) => c.breaking);
  const bump: Bump = breaking
    ? 'major'
    : changes.some((c) => c.subject !== 'documentation')
      ? 'minor'
      : changes.length
        ? 'patch'
        : 'none';
  const head = (core: Core) => ({ source: core.source, name: core.name, targetNamespace: core.targetNamespace });
  return { old: head(oldCore), new: head(newCore), breaking, bump, changes };
}

const SIGN: Record<ChangeKind, string> = { added: '+', removed: '-', changed: '~' };

/** `changed field KeyIDInfo.KeyID: type xs:int -> xs:long`. */
export function describeChange(change: ApiChange): string {
  return `${change.kind} ${change.subject} ${change.path}${change.detail ? `: ${change.detail}` : ''}`;
}

/** A change with its sign: `+` added, `-` removed, `~` changed. */
export function changeLine(change: ApiChange): string {
  return `${SIGN[change.kind]} ${describeChange(change)}`;
}

/** Counts like `57 operations removed, 43 added`, for summaries. */
export function countsOf(diff: ApiDiff): string[] {
  const counts = new Map<string, number>();
  for (const c of diff.changes) counts.set(`${c.subject} ${c.kind}`, (counts.get(`${c.subject} ${c.kind}`) ?? 0) + 1);
  const order: ChangeSubject[] = [
    'service',
    'namespace',
    'endpoint',
    'operation',
    'parameter',
    'response',
    'fault',
    'type',
    'field',
    'enum-value',
    'documentation',
  ];
  const lines: string[] = [];
  for (const subject of order) {
    const parts = (['removed', 'added', 'changed'] as const)
      .filter((k) => counts.has(`${subject} ${k}`))
      .map((k) => `${counts.get(`${subject} ${k}`)} ${k}`);
    if (parts.length) lines.push(`${subject}: ${parts.join(', ')}`);
  }
  return lines;
}

/** The human-readable report: a headline, counts, then breaking and other changes. */
export function formatDiff(diff: ApiDiff): string {
  const breaking = diff.changes.filter((c) => c.breaking);
  const other = diff.changes.filter((c) => !c.breaking);
  const lines = [
    `API diff ${diff.old.source} -> ${diff.new.source}: ${diff.changes.length === 0 ? 'no changes' : `${breaking.length} breaking, ${other.length} other change(s)`} (bump: ${diff.bump})`,
  ];
  for (const count of countsOf(diff)) lines.push(`  ${count}`);
  if (breaking.length) {
    lines.push('', 'Breaking changes:');
    for (const c of breaking) lines.push(`  ${changeLine(c)}`);
  }
  if (other.length) {
    lines.push('', 'Other changes:');
    for (const c of other) lines.push(`  ${changeLine(c)}`);
  }
  return `${lines.join('\n')}\n`;
}
