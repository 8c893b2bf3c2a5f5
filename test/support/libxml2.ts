/**
 * Test helpers around libxml2's `xmllint`: extract the XML Schemas embedded in a WSDL, check
 * that libxml2 compiles them, validate documents against them and query documents with XPath.
 *
 * libxml2 is the independent referee here: nothing in these helpers uses the project's own
 * XML parser. `xmllint` runs with `--nonet`; schemas that import other namespaces get local
 * files (the other schemas of the same WSDL, or the minimal SOAP-encoding schema in
 * `wsdl/schemas/`). Every call writes its inputs to a fresh directory under `os.tmpdir()` and
 * removes it afterwards.
 *
 * When `xmllint` is missing the helpers throw (tests fail, they do not skip): CI installs
 * libxml2-utils.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
export const SOAPENC_NS = 'http://schemas.xmlsoap.org/soap/encoding/';

/** File name of the minimal SOAP-encoding schema (in `wsdl/schemas/`). */
export const SOAPENC_SCHEMA_FILE = 'soapenc-minimal.xsd';

const SCHEMAS_DIR = new URL('../../wsdl/schemas/', import.meta.url);

/** Reads one of the schemas in `wsdl/schemas/`. */
export function localSchema(fileName: string): string {
  return readFileSync(new URL(fileName, SCHEMAS_DIR), 'utf8');
}

export interface ValidationResult {
  ok: boolean;
  /**
   * xmllint's messages, with the temporary paths reduced to file names (`instance.xml`,
   * `schema.xsd`); the summary lines (`... validates`, `... fails to validate`) are left out.
   */
  errors: string[];
}

export interface SchemaFiles {
  /** Files written beside the schema (file name -> text), for `schemaLocation`s to resolve. */
  files?: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------
// Running xmllint

let available: boolean | undefined;

/** True when an `xmllint` executable can be run. */
export function xmllintAvailable(): boolean {
  if (available === undefined) {
    const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
    available = r.error === undefined && r.status === 0;
  }
  return available;
}

/** Throws a clear error when `xmllint` is missing; tests call it so they fail instead of skip. */
export function requireXmllint(): void {
  if (!xmllintAvailable()) {
    throw new Error('xmllint is not available: install libxml2-utils (apt-get install libxml2-utils)');
  }
}

interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Writes `files` into a fresh temporary directory, runs xmllint with `args(dir)` and removes
 * the directory. Paths of the directory are removed from the output.
 */
function runInTempDir(files: Readonly<Record<string, string>>, args: (dir: string) => string[]): RunResult {
  requireXmllint();
  const dir = mkdtempSync(join(tmpdir(), 'ecgrid-xmllint-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      if (name.includes('/') || name.includes('\\') || name.startsWith('.')) {
        throw new Error(`invalid helper file name: ${name}`);
      }
      writeFileSync(join(dir, name), text, 'utf8');
    }
    const r = spawnSync('xmllint', args(dir), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    const strip = (s: string): string => s.split(`${dir}/`).join('').split(dir).join('');
    return { status: r.status ?? -1, stdout: strip(r.stdout), stderr: strip(r.stderr) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function messages(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && !/^\S+ (validates|fails to validate)$/.test(l));
}

/** Checks that `xmlText` is well-formed XML. */
export function checkWellFormed(xmlText: string): ValidationResult {
  const r = runInTempDir({ 'instance.xml': xmlText }, (dir) => ['--noout', '--nonet', join(dir, 'instance.xml')]);
  return { ok: r.status === 0, errors: messages(r.stderr) };
}

/**
 * Validates `xmlText` against the schema `xsdText` (`xmllint --noout --schema`). `ok` is false
 * also when the schema does not compile (the errors then say so).
 */
export function validateXml(xsdText: string, xmlText: string, options: SchemaFiles = {}): ValidationResult {
  const files = { ...options.files, 'schema.xsd': xsdText, 'instance.xml': xmlText };
  const r = runInTempDir(files, (dir) => [
    '--noout',
    '--nonet',
    '--schema',
    join(dir, 'schema.xsd'),
    join(dir, 'instance.xml'),
  ]);
  return { ok: r.status === 0, errors: messages(r.stderr) };
}

/**
 * Checks that libxml2 compiles the schema `xsdText`. xmllint has no compile-only mode, so a
 * dummy document is validated and only the schema's own errors count.
 */
export function compileSchema(xsdText: string, options: SchemaFiles = {}): ValidationResult {
  const r = validateXml(xsdText, '<ecgrid-dummy-root-not-in-any-schema/>\n', options);
  const errors = r.errors.filter((l) => !l.startsWith('instance.xml'));
  const failed = errors.some((l) => /failed to compile|parser error/.test(l));
  return { ok: !failed, errors };
}

/** Validates a WSDL document against the structural WSDL 1.1 schema in `wsdl/schemas/`. */
export function validateWsdlStructure(wsdlText: string): ValidationResult {
  return validateXml(localSchema('wsdl11.xsd'), wsdlText, {
    files: {
      'wsdl11-soap.xsd': localSchema('wsdl11-soap.xsd'),
      'wsdl11-soap12.xsd': localSchema('wsdl11-soap12.xsd'),
    },
  });
}

/**
 * Evaluates an XPath 1.0 expression with libxml2 and returns what xmllint prints without its
 * final newline (the string or number for `string(...)`/`count(...)`, serialized nodes
 * otherwise; '' for an empty node set).
 *
 * `namespaces` maps prefixes used in the expression to URIs; since xmllint cannot register
 * prefixes, each `p:name` step outside string literals is rewritten to
 * `*[local-name()='name' and namespace-uri()='uri']` (`p:*` to `*[namespace-uri()='uri']`).
 */
export function xpath(xmlText: string, expression: string, namespaces: Readonly<Record<string, string>> = {}): string {
  const expr = rewritePrefixes(expression, namespaces);
  const r = runInTempDir({ 'instance.xml': xmlText }, (dir) => ['--nonet', '--xpath', expr, join(dir, 'instance.xml')]);
  if (r.status === 10 || /XPath set is empty/.test(r.stderr)) return '';
  if (r.status !== 0) throw new Error(`xmllint --xpath failed (${r.status}) for ${expr}: ${r.stderr.trim()}`);
  // xmllint ends its output with a newline of its own.
  return r.stdout.endsWith('\n') ? r.stdout.slice(0, -1) : r.stdout;
}

/** `count(expression)` as a number. */
export function xpathCount(
  xmlText: string,
  expression: string,
  namespaces: Readonly<Record<string, string>> = {},
): number {
  return Number(xpath(xmlText, `count(${expression})`, namespaces));
}

function rewritePrefixes(expression: string, namespaces: Readonly<Record<string, string>>): string {
  // Split into string literals (kept) and the rest (rewritten).
  return expression
    .split(/("[^"]*"|'[^']*')/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part.replace(
        /(^|[^\w.@-])([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*|\*)(?![\w.:(-])/g,
        (m, pre: string, p: string, local: string) => {
          const uri = namespaces[p];
          if (uri === undefined) return m;
          const nsTest = `namespace-uri()='${uri}'`;
          return local === '*' ? `${pre}*[${nsTest}]` : `${pre}*[local-name()='${local}' and ${nsTest}]`;
        },
      );
    })
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Cutting elements out of a document

interface StartTag {
  /** The qualified name as written. */
  name: string;
  prefix: string;
  local: string;
  /** Resolved namespace URI ('' for none). */
  ns: string;
  /** Attributes as written (values not unescaped), in document order. */
  attributes: Array<[string, string]>;
  /** Namespace declarations on this tag (prefix -> URI as written; '' = default namespace). */
  declarations: Record<string, string>;
  /** All declarations in scope here, this tag's included. */
  scope: Record<string, string>;
  /** Offsets of `<` and of the end of the start tag (after `>`). */
  start: number;
  end: number;
  selfClosing: boolean;
}

const TAG_RE = /<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ATTR_RE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * A small scanner over start and end tags that tracks namespace scope; it skips comments,
 * CDATA sections, processing instructions and the DOCTYPE. It trusts the input to be
 * well-formed (check that with `checkWellFormed` first).
 */
function scanTags(
  text: string,
  onStart: (tag: StartTag) => void,
  onEnd: (tag: StartTag, endOffset: number) => void,
): void {
  const stack: StartTag[] = [];
  let i = text.indexOf('<');
  const skipTo = (marker: string, from: number): number => {
    const at = text.indexOf(marker, from);
    if (at < 0) throw new Error(`unterminated construct at offset ${from}`);
    return at + marker.length;
  };
  while (i >= 0 && i < text.length) {
    let next: number;
    if (text.startsWith('<!--', i)) next = skipTo('-->', i + 4);
    else if (text.startsWith('<![CDATA[', i)) next = skipTo(']]>', i + 9);
    else if (text.startsWith('<?', i)) next = skipTo('?>', i + 2);
    else if (text.startsWith('<!', i)) {
      const bracket = text.indexOf('[', i);
      const gt = text.indexOf('>', i);
      next = bracket >= 0 && bracket < gt ? skipTo(']>', bracket) : gt + 1;
    } else if (text.startsWith('</', i)) {
      next = skipTo('>', i + 2);
      const open = stack.pop();
      if (!open) throw new Error(`unexpected end tag at offset ${i}`);
      onEnd(open, next);
    } else {
      TAG_RE.lastIndex = i;
      const m = TAG_RE.exec(text);
      if (!m) throw new Error(`cannot read the start tag at offset ${i}`);
      const name = m[1]!;
      const attributes: Array<[string, string]> = [];
      for (const a of (m[2] ?? '').matchAll(ATTR_RE)) attributes.push([a[1]!, a[2] ?? a[3] ?? '']);
      const declarations: Record<string, string> = {};
      for (const [n, v] of attributes) {
        if (n === 'xmlns') declarations[''] = v;
        else if (n.startsWith('xmlns:')) declarations[n.slice(6)] = v;
      }
      const parentScope = stack.length > 0 ? stack[stack.length - 1]!.scope : {};
      const scope = { ...parentScope, ...declarations };
      const colon = name.indexOf(':');
      const prefix = colon >= 0 ? name.slice(0, colon) : '';
      const local = colon >= 0 ? name.slice(colon + 1) : name;
      const ns = scope[prefix] ?? '';
      const tag: StartTag = {
        name,
        prefix,
        local,
        ns,
        attributes,
        declarations,
        scope,
        start: i,
        end: TAG_RE.lastIndex,
        selfClosing: m[3] === '/',
      };
      next = tag.end;
      onStart(tag);
      if (tag.selfClosing) onEnd(tag, tag.end);
      else stack.push(tag);
    }
    i = text.indexOf('<', next);
  }
}

function escapeAttr(value: string): string {
  // Values are kept as written in the source, so they are already escaped; only guard quotes.
  return value.replace(/"/g, '&quot;');
}

/** Inserts ` attr="value"` pairs right after the element name of the start tag at `tagStart`. */
function insertAttributes(text: string, tagStart: number, tagName: string, attrs: Array<[string, string]>): string {
  if (attrs.length === 0) return text;
  const at = tagStart + 1 + tagName.length;
  const added = attrs.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('');
  return text.slice(0, at) + added + text.slice(at);
}

/**
 * Cuts every element `{ns}local` (outermost occurrences only) out of `xmlText` as a standalone
 * XML text: the element's own text, with the namespace declarations in scope at it (made on
 * ancestors) added to its start tag.
 */
export function extractElements(xmlText: string, ns: string, local: string): string[] {
  const found: string[] = [];
  let open: StartTag | undefined;
  scanTags(
    xmlText,
    (tag) => {
      if (open === undefined && tag.ns === ns && tag.local === local) open = tag;
    },
    (tag, endOffset) => {
      if (tag !== open) return;
      open = undefined;
      const inherited = Object.entries(tag.scope)
        .filter(([p]) => !(p in tag.declarations))
        .map(([p, uri]): [string, string] => [p === '' ? 'xmlns' : `xmlns:${p}`, uri]);
      const element = xmlText.slice(tag.start, endOffset);
      found.push(insertAttributes(element, 0, tag.name, inherited));
    },
  );
  return found;
}

export interface ExtractedSchema {
  /** `schema-<n>.xsd`, n counting the WSDL's schemas from 1 in document order. */
  fileName: string;
  /** The schema's targetNamespace ('' when it has none). */
  targetNamespace: string;
  /** The namespaces it imports without a `schemaLocation` in the WSDL. */
  imports: string[];
  /** The schema as a standalone XSD document. */
  text: string;
  /**
   * Files to write beside it (for `compileSchema`/`validateXml`): the WSDL's other schemas and
   * the local stand-ins it needs.
   */
  files: Record<string, string>;
}

export interface ExtractOptions {
  /**
   * What to do with schemas that import the SOAP-encoding namespace (which has no
   * `schemaLocation` in ASMX WSDLs): `'local'` (default) points the import to the minimal
   * schema in `wsdl/schemas/`; `'skip'` leaves such schemas out of the result.
   */
  soapenc?: 'local' | 'skip';
}

/** File name of the stand-in for the XML Schema namespace's `schema` element. */
export const XMLSCHEMA_SCHEMA_FILE = 'xmlschema-minimal.xsd';

/**
 * Extracts the XML Schemas of a WSDL's `wsdl:types` as standalone XSD texts. Each one:
 * - carries the namespace declarations in scope on its ancestors (`wsdl:definitions`,
 *   `wsdl:types`) on its own `schema` element;
 * - has a `schemaLocation` added to each `import` without one whose namespace is another
 *   schema of the WSDL (`schema-<n>.xsd`) or SOAP encoding (`soapenc-minimal.xsd`);
 * - when it refers to the XML Schema namespace's `schema` element (ASMX DataSet results:
 *   `<s:element ref="s:schema" />`), gets an import of `xmlschema-minimal.xsd` as its first
 *   child, since libxml2 has no declaration of that element.
 */
export function extractSchemas(wsdlText: string, options: ExtractOptions = {}): ExtractedSchema[] {
  const soapenc = options.soapenc ?? 'local';
  const raw = extractElements(wsdlText, XSD_NS, 'schema');
  const infos = raw.map((text, index) => {
    let root: StartTag | undefined;
    let depth = 0;
    let refersToSchemaElement = false;
    const imports: Array<{ ns: string; tag: StartTag }> = [];
    scanTags(
      text,
      (tag) => {
        depth++;
        if (depth === 1) root = tag;
        if (depth === 2 && tag.ns === XSD_NS && tag.local === 'import' && attr(tag, 'schemaLocation') === undefined) {
          imports.push({ ns: attr(tag, 'namespace') ?? '', tag });
        }
        const ref = attr(tag, 'ref');
        if (tag.ns === XSD_NS && tag.local === 'element' && ref !== undefined) {
          const colon = ref.indexOf(':');
          const refNs = tag.scope[colon >= 0 ? ref.slice(0, colon) : ''] ?? '';
          if (refNs === XSD_NS && ref.slice(colon + 1) === 'schema') refersToSchemaElement = true;
        }
        if (tag.selfClosing) depth--;
      },
      (tag) => {
        if (!tag.selfClosing) depth--;
      },
    );
    if (!root) throw new Error('empty schema text');
    return {
      text,
      root,
      fileName: `schema-${index + 1}.xsd`,
      targetNamespace: attr(root, 'targetNamespace') ?? '',
      imports,
      refersToSchemaElement,
    };
  });
  const fileOf = new Map<string, string>();
  for (const s of infos) fileOf.set(s.targetNamespace, s.fileName);

  const texts = new Map<string, string>();
  const standIns = new Map<string, Set<string>>();
  for (const s of infos) {
    const needs = new Set<string>();
    const edits: Array<{ at: number; insert: string }> = [];
    for (const imp of s.imports) {
      const location = imp.ns === SOAPENC_NS ? SOAPENC_SCHEMA_FILE : fileOf.get(imp.ns);
      if (location === undefined) continue;
      if (location === SOAPENC_SCHEMA_FILE) needs.add(location);
      edits.push({ at: imp.tag.start + 1 + imp.tag.name.length, insert: ` schemaLocation="${location}"` });
    }
    if (s.refersToSchemaElement && !s.root.selfClosing) {
      const xs = s.root.prefix;
      const indent = /\n([ \t]*)<[^/!?]/.exec(s.text.slice(s.root.end))?.[1] ?? '  ';
      const newline = s.text.slice(s.root.end).startsWith('\r\n') ? '\r\n' : '\n';
      const name = xs === '' ? 'import' : `${xs}:import`;
      edits.push({
        at: s.root.end,
        insert: `${newline}${indent}<${name} namespace="${XSD_NS}" schemaLocation="${XMLSCHEMA_SCHEMA_FILE}" />`,
      });
      needs.add(XMLSCHEMA_SCHEMA_FILE);
    }
    let text = s.text;
    // Apply from the end so that earlier offsets stay valid.
    for (const e of edits.sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.insert + text.slice(e.at);
    texts.set(s.fileName, text);
    standIns.set(s.fileName, needs);
  }

  const result: ExtractedSchema[] = [];
  for (const s of infos) {
    if (soapenc === 'skip' && s.imports.some((i) => i.ns === SOAPENC_NS)) continue;
    const files: Record<string, string> = {};
    for (const [name, text] of texts) if (name !== s.fileName) files[name] = text;
    const allStandIns = new Set([...standIns.values()].flatMap((set) => [...set]));
    for (const name of allStandIns) files[name] = localSchema(name);
    result.push({
      fileName: s.fileName,
      targetNamespace: s.targetNamespace,
      imports: s.imports.map((i) => i.ns),
      text: texts.get(s.fileName)!,
      files,
    });
  }
  return result;
}

/**
 * The schema of a WSDL with the given target namespace (default: the WSDL's own
 * targetNamespace) as a standalone XSD text. Throws when there is none.
 */
export function extractSchema(wsdlText: string, targetNamespace?: string): ExtractedSchema {
  let tns = targetNamespace;
  if (tns === undefined) {
    scanTags(
      wsdlText,
      (tag) => {
        if (tns === undefined) tns = attr(tag, 'targetNamespace') ?? '';
      },
      () => {},
    );
  }
  const schema = extractSchemas(wsdlText).find((s) => s.targetNamespace === tns);
  if (!schema) throw new Error(`the WSDL has no schema for the namespace '${tns ?? ''}'`);
  return schema;
}

function attr(tag: StartTag, name: string): string | undefined {
  return tag.attributes.find(([n]) => n === name)?.[1];
}
