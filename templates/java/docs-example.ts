import type { DocsExample, ExampleValue, LanguageAdapter } from '../../generator/src/view/language.js';
import type { FieldView } from '../../generator/src/view/view.js';
import { RUNTIME_PACKAGE, boxed, javaFieldName } from './naming.js';

/** A Java literal of an example value, by the Java type the adapter maps the builtin to. */
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
          return '1';
        case 'short':
          return '(short) 1';
        case 'byte':
          return '(byte) 1';
        case 'long':
          return '1L';
        case 'double':
          return '1.5';
        case 'float':
          return '1.5f';
        case 'boolean':
          return 'true';
        case 'byte[]':
          return '"example".getBytes(java.nio.charset.StandardCharsets.UTF_8)';
        case 'String':
          return JSON.stringify(value.text);
        default:
          // The lexical value types (XsdDateTime, XsdDecimal, ...) parse their text.
          return /^Xsd[A-Z]\w*$/.test(type) ? `${type}.parse(${JSON.stringify(value.text)})` : 'null';
      }
    }
    default: {
      const never: never = value;
      return never;
    }
  }
}

/** A property's declared type (as `plans.ts` declares it): optional is boxed, optional and nillable `Nillable<T>`. */
function declaredType(field: FieldView): string {
  if (field.array || !field.optional) return field.type;
  return field.nullable ? `Nillable<${boxed(field.type)}>` : boxed(field.type);
}

/** The Java example of the docs pages (`docs-example.hbs`): the JAX-WS-style service and port. */
export const javaDocsExample: DocsExample = {
  title: 'Java',
  fence: 'java',
  template: 'docs-example.hbs',
  declaredType,
  signature: ({ methodName, parameters, inputType, resultType }) =>
    `${resultType} ${methodName}(${parameters ? parameters.map((f) => `${declaredType(f)} ${javaFieldName(f.name)}`).join(', ') : `${inputType} request`})`,
  errors: {
    base: 'SoapException',
    fault: 'SoapFaultException',
    faultMembers: '`faultCode()`, `reason()`, `actor()`, `detail()`',
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
  data({ service, operation, endpoint, arguments: args }, adapter) {
    const pkg = adapter.packageOf(service.name);
    const serviceClass = adapter.typeName(service.name);
    return {
      endpoint,
      dir: pkg.dir,
      pkg: pkg.namespace ?? pkg.name,
      className: `${operation.name}Example`,
      service: serviceClass,
      port: `${serviceClass}PortType`,
      getter: `get${serviceClass}Port`,
      method: adapter.methodName(operation.name),
      args: args.map((a) => literal(a.value, adapter)).join(', '),
      // The runtime's value classes the arguments parse (XsdDateTime, ...): single-type imports,
      // which no SDK class can shadow (the adapter reserves their names).
      runtimeImports: [
        ...new Set(args.flatMap((a) => /^(Xsd[A-Z]\w*)\.parse\(/.exec(literal(a.value, adapter))?.[1] ?? [])),
      ]
        .sort()
        .map((name) => `${RUNTIME_PACKAGE}.${name}`),
    };
  },
};
