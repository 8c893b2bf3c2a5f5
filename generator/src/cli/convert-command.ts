import type { SchemaDescriptor } from '@ecgrid/soap-runtime';
import {
  DecodeError,
  EncodeError,
  XmlParseError,
  decodeElement,
  decodeType,
  encodeElement,
  encodeType,
  fromJson,
  parseXml,
  toJson,
} from '@ecgrid/soap-runtime';
import { buildSchemaDescriptor } from '../descriptor/build-descriptor.js';
import type { Core } from '../model/core.js';
import { splitQNameId } from '../model/core.js';
import { UsageError, oneOf, parseArgs, required, single } from './args.js';
import type { CliIo } from './io.js';
import { IMPORT_OPTION_SPECS, importOptionsHelp, importOptionsOf, loadWsdlFile } from './io.js';
import { printDiagnostics } from './report.js';

const HELP = `Usage: ecgrid-codegen convert --wsdl FILE --type NAME --from xml|json --to json|xml

Reads an XML instance of a global element or a named type on stdin and writes it as JSON, or
the other way round, through the same codec as the generated SDKs. NAME is an element or type
name of the WSDL's schema ({namespace}name when the local name is ambiguous); an element is
preferred when both exist.

JSON form: names as in the schema; xs:int, short, double... as numbers; xs:long, integer and
decimal as strings of digits; dates and times as their lexical strings; enumerations as their
values; xsi:nil as null; repeated elements as arrays; xs:any content as XML text.

Options:
  --wsdl FILE       the WSDL whose schema describes the document
  --type NAME       the element or type of the document's root
  --from xml|json   the input format
  --to json|xml     the output format
  --unqualified     XML without namespaces: accepted on input, written on output
                    (the form the documentation pages print)
  --indent N        indent XML or JSON output by N spaces (default 2; 0 for compact XML)
  --allow-remote    fetch imports with http(s) locations (refused by default)
${importOptionsHelp(20)}
  --help            this text

Exit codes: 0 success, 1 invalid input (FILE:LINE:COL: error CODE: message on stderr), 2 usage.
`;

interface Root {
  readonly kind: 'element' | 'type';
  readonly id: string;
  readonly ns: string;
  readonly local: string;
}

export async function runConvert(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [
    { name: 'wsdl' },
    { name: 'type' },
    { name: 'from' },
    { name: 'to' },
    { name: 'indent' },
    { name: 'unqualified', flag: true },
    ...IMPORT_OPTION_SPECS,
    { name: 'help', flag: true },
  ]);
  if (args.flags.has('help')) {
    io.stdout(HELP);
    return 0;
  }
  const wsdl = required(args, 'wsdl');
  const typeName = required(args, 'type');
  const from = oneOf(args, 'from', ['xml', 'json'] as const);
  const to = oneOf(args, 'to', ['json', 'xml'] as const);
  if (from === to) throw new UsageError(`--from and --to are both ${from}; convert goes from one form to the other`);
  const indentText = single(args, 'indent') ?? '2';
  if (!/^\d$/.test(indentText)) throw new UsageError('--indent must be a number of spaces from 0 to 9');
  const indent = Number(indentText);
  const unqualified = args.flags.has('unqualified');

  const loaded = loadWsdlFile(io, wsdl, importOptionsOf(args, io));
  if (printDiagnostics(loaded.diagnostics, io.stderr) || !loaded.ok) return 1;
  const root = findRoot(loaded.core, typeName);
  if (!root) {
    io.stderr(
      `${loaded.core.source}: error unknown-type: no global element or type named ${JSON.stringify(typeName)} in the schema`,
    );
    return 1;
  }
  const schema = buildSchemaDescriptor(loaded.core);
  const input = await io.readStdin();
  const inputName = '<stdin>';
  try {
    if (from === 'xml') {
      const document = parseXml(input);
      const options = { namespaces: unqualified ? ('ignore' as const) : ('strict' as const) };
      const value =
        root.kind === 'element'
          ? decodeElement(schema, root.id, document.root, options)
          : decodeType(schema, root.id, document.root, options);
      io.stdout(`${JSON.stringify(toJson(schema, root.id, value), null, indent)}\n`);
    } else {
      const json = parseJson(input, inputName);
      const value = fromJson(schema, root.id, json);
      const options = { qualified: !unqualified, ...(indent > 0 ? { indent: ' '.repeat(indent) } : {}) };
      io.stdout(`${encodeRoot(schema, root, value, options)}\n`);
    }
  } catch (error) {
    const message = describeInputError(error, inputName, input);
    if (message === undefined) throw error;
    io.stderr(message);
    return 1;
  }
  return 0;
}

function encodeRoot(
  schema: SchemaDescriptor,
  root: Root,
  value: unknown,
  options: { qualified: boolean; indent?: string },
): string {
  return root.kind === 'element'
    ? encodeElement(schema, root.id, value, options)
    : encodeType(schema, root.id, { ns: root.ns, local: root.local }, value, options);
}

/** An element first, then a type; by Clark name or by local name when that is unambiguous. */
function findRoot(core: Core, name: string): Root | undefined {
  const matches = (id: string, local: string) => id === name || local === name;
  const element = core.elements.find((e) => matches(e.id, e.name));
  if (element) return { kind: 'element', id: element.id, ns: element.namespace, local: element.name };
  const type = core.types.find((t) => matches(t.id, t.name) && t.anonymousIn === undefined);
  if (type) {
    const { namespace, local } = splitQNameId(type.id);
    return { kind: 'type', id: type.id, ns: namespace, local };
  }
  return undefined;
}

class JsonInputError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(detail);
    const { line, column } = positionIn(text, at ? Number(at[1]) : 0);
    throw new JsonInputError(line, column, `${name} is not valid JSON: ${detail}`);
  }
}

function positionIn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** `FILE:LINE:COL: error CODE: message` for every error bad input can cause; undefined for bugs. */
function describeInputError(error: unknown, name: string, input: string): string | undefined {
  if (error instanceof XmlParseError) {
    return `${name}:${error.line}:${error.column}: error xml-${error.code}: ${error.message.replace(/^\d+:\d+:\s*/, '')}`;
  }
  if (error instanceof DecodeError) {
    const { line, column } =
      error.line !== undefined && error.column !== undefined
        ? { line: error.line, column: error.column }
        : error.offset !== undefined
          ? positionIn(input, error.offset)
          : { line: 1, column: 1 };
    return `${name}:${line}:${column}: error ${error.code}: ${error.message.replace(/ \(at \d+:\d+\)$/, '')}`;
  }
  if (error instanceof EncodeError) return `${name}:1:1: error ${error.code}: ${error.message}`;
  if (error instanceof JsonInputError)
    return `${name}:${error.line}:${error.column}: error invalid-json: ${error.message}`;
  return undefined;
}
