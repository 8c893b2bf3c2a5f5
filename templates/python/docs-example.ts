import type { DocsExample, ExampleValue, LanguageAdapter } from '../../generator/src/view/language.js';
import { annotationOf, parameterName } from './language.js';

/** A Python literal of an example value, by the Python type the adapter maps the builtin to. */
function literal(value: ExampleValue, adapter: LanguageAdapter): string {
  switch (value.kind) {
    case 'none':
      return 'None';
    case 'enum':
      return `${adapter.typeName(value.enumName)}.${adapter.enumMemberName(value.value)}`;
    case 'builtin': {
      const type = adapter.builtinTypes[value.builtin];
      if (type === 'int') return '1';
      if (type === 'float') return '1.5';
      if (type === 'bool') return 'True';
      if (type === 'bytes') return 'b"example"';
      // Strings, and the lexical value types, which take their text.
      if (type === 'str' || /^Xsd[A-Z]\w*$/.test(type)) return JSON.stringify(value.text);
      return 'None';
    }
    default: {
      const never: never = value;
      return never;
    }
  }
}

/** The Python example of the docs pages (`docs-example.hbs`): a zeep-style `client.service` call. */
export const pythonDocsExample: DocsExample = {
  title: 'Python',
  fence: 'python',
  template: 'docs-example.hbs',
  declaredType: (field) => annotationOf(field).annotation,
  signature({ methodName, parameters, inputType, resultType }) {
    const params = parameters
      ? (parameters.length ? ['*'] : []).concat(parameters.map((f) => `${parameterName(f)}: ${annotationOf(f).annotation}${annotationOf(f).default === undefined ? '' : ' = None'}`))
      : [`request: ${inputType}`];
    return `def ${methodName}(${['self', ...params, 'timeout: float | None = None'].join(', ')}) -> ${resultType}`;
  },
  errors: {
    base: 'SoapRuntimeError',
    fault: 'SoapFault',
    faultMembers: '`code`, `code_local`, `reason`, `detail`',
    http: 'HttpError',
    others: ['ResponseFormatError', 'SoapTimeoutError', 'TransportError', 'DecodeError', 'EncodeError', 'XmlParseError'],
  },
  data({ service, operation, endpoint, arguments: args, enums }, adapter) {
    const pkg = adapter.packageOf(service.name);
    const client = adapter.typeName(service.name);
    return {
      endpoint,
      dir: pkg.dir,
      module: pkg.namespace ?? pkg.name,
      client,
      method: adapter.methodName(operation.name),
      imports: [client, ...enums.map((e) => adapter.typeName(e))].join(', '),
      kwargs: args
        .map((a) => ({ a, value: literal(a.value, adapter) }))
        .filter(({ a, value }) => !(a.optional && value === 'None'))
        .map(({ a, value }) => `${adapter.propertyName(a.name)}=${value},`),
    };
  },
};
