import type { DocsExample, ExampleValue, LanguageAdapter } from '../../generator/src/view/language.js';
import type { FieldView, View } from '../../generator/src/view/view.js';
import { annotationOf } from './language.js';

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
  // The client template's own `param` helper writes each parameter; `models.` is left out on the page.
  signature({ view, methodName, parameters, inputType, resultType }, adapter) {
    const param = adapter.helpers.param as (field: FieldView, options: { data: { root: View } }) => string;
    const params = parameters
      ? (parameters.length ? ['*'] : []).concat(parameters.map((f) => param(f, { data: { root: view } })))
      : [`request: ${inputType}`];
    return `def ${methodName}(${['self', ...params, 'timeout: float | None = None'].join(', ')}) -> ${resultType}`.replace(
      /\bmodels\./g,
      '',
    );
  },
  errors: {
    base: 'SoapRuntimeError',
    fault: 'SoapFault',
    faultMembers: '`code`, `code_local`, `reason`, `detail`',
    http: 'HttpError',
    others: [
      'ResponseFormatError',
      'SoapTimeoutError',
      'TransportError',
      'DecodeError',
      'EncodeError',
      'XmlParseError',
    ],
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
