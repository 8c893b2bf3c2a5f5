import type { DocsExample, ExampleValue, LanguageAdapter } from '../../generator/src/view/language.js';
import type { FieldView } from '../../generator/src/view/view.js';
import { parameterName } from './names.js';

/** A C# literal of an example value, by the C# type the adapter maps the builtin to. */
function literal(value: ExampleValue, adapter: LanguageAdapter): string {
  switch (value.kind) {
    case 'none':
      return 'null';
    case 'enum':
      return `${adapter.typeName(value.enumName)}.${adapter.enumMemberName(value.value)}`;
    case 'builtin': {
      const type = adapter.builtinTypes[value.builtin];
      switch (type) {
        case 'int':
        case 'uint':
        case 'ushort':
        case 'short':
        case 'byte':
        case 'sbyte':
          return '1';
        case 'long':
          return '1L';
        case 'ulong':
          return '1UL';
        case 'double':
          return '1.5';
        case 'float':
          return '1.5f';
        case 'bool':
          return 'true';
        case 'byte[]':
          return 'System.Text.Encoding.UTF8.GetBytes("example")';
        case 'string':
          return JSON.stringify(value.text);
        default:
          // The lexical value types (XsdDateTime, XsdDecimal, ...) parse their text.
          return /^Xsd[A-Z]\w*$/.test(type) ? `${type}.Parse(${JSON.stringify(value.text)})` : 'null';
      }
    }
    default: {
      const never: never = value;
      return never;
    }
  }
}

/** A member's declared type (as `plan.ts` declares it): optional is nullable, optional and nillable `Nillable<T>?`. */
function declaredType(field: FieldView): string {
  if (field.array || !field.optional) return field.type;
  return field.nullable
    ? `Nillable<${field.type.endsWith('?') ? field.type.slice(0, -1) : field.type}>?`
    : `${field.type}?`;
}

/**
 * The C# example of the docs pages (`docs-example.hbs`). C# objects do not print their fields,
 * so it prints the response object's fields one per line, as the documentation page does (at
 * most six; a member named like its class is left out).
 */
export const csharpDocsExample: DocsExample = {
  title: 'C#',
  fence: 'csharp',
  template: 'docs-example.hbs',
  declaredType,
  signature({ methodName, parameters, inputType, resultType }, adapter) {
    // As `plan.ts` names them: the wrapper's fields, numbered where two fold to one name.
    const used = new Set<string>(parameters ? ['request', 'response'] : ['request']);
    const params = parameters
      ? parameters.map((f) => {
          let name = parameterName(f.xmlName);
          for (let i = 2; used.has(name); i++) name = `${parameterName(f.xmlName)}${i}`;
          used.add(name);
          return `${declaredType(f)} ${name}`;
        })
      : [`${inputType} request`];
    let cancellation = 'cancellationToken';
    for (let i = 2; used.has(cancellation); i++) cancellation = `cancellationToken${i}`;
    const task = resultType === adapter.voidType ? 'Task' : `Task<${resultType}>`;
    return `${task} ${methodName}(${[...params, `CancellationToken ${cancellation} = default`].join(', ')})`;
  },
  errors: {
    base: 'SoapRuntimeException',
    fault: 'SoapFaultException',
    faultMembers: '`FaultCode`, `Reason`, `Actor`, `Detail`',
    http: 'HttpStatusException',
    others: [
      'ResponseFormatException',
      'ResponseTooLargeException',
      'SoapTimeoutException',
      'TransportException',
      'DecodeException',
      'EncodeException',
      'XmlParseException',
    ],
  },
  data({ service, operation, endpoint, arguments: args, result }, adapter) {
    const pkg = adapter.packageOf(service.name);
    let prints: string[] = [];
    if (!operation.oneWay) {
      const className = result ? adapter.typeName(result.schemaName) : '';
      const access = result?.nullable ? 'result?.' : 'result.';
      prints = (result?.fields ?? [])
        .filter((f) => !f.xmlName.startsWith('@'))
        .map((f) => ({ label: f.xmlName, member: adapter.propertyName(f.xmlName) }))
        .filter((f) => f.member !== className && /^[A-Za-z_]\w*$/.test(f.member))
        .slice(0, 6)
        .map((f) => `Console.WriteLine($"${f.label}: {${access}${f.member}}");`);
      if (prints.length === 0) prints = ['Console.WriteLine(result);'];
    }
    return {
      endpoint,
      dir: pkg.dir,
      namespace: pkg.namespace ?? pkg.name,
      client: adapter.typeName(`${service.name}Client`),
      method: adapter.methodName(operation.name),
      args: args.map((a) => literal(a.value, adapter)).join(', '),
      prints,
    };
  },
};
