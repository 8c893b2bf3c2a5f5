import type { DocsExample, ExampleValue, LanguageAdapter } from '../../generator/src/view/language.js';

/** A TypeScript literal of an example value, or `undefined` when the example cannot write one. */
function literal(value: ExampleValue, adapter: LanguageAdapter): string {
  switch (value.kind) {
    case 'none':
      return 'undefined';
    case 'enum':
      return `${adapter.typeName(value.enumName)}.${adapter.enumMemberName(value.value)}`;
    case 'builtin': {
      const type = adapter.builtinTypes[value.builtin];
      if (type === 'number') return '1';
      if (type === 'bigint') return '1n';
      if (type === 'boolean') return 'true';
      if (type === 'Uint8Array') return "new TextEncoder().encode('example')";
      // Strings, and the lexical value types, which take their text.
      if (type === 'string' || /^Xsd[A-Z]\w*$/.test(type)) return `'${JSON.stringify(value.text).slice(1, -1)}'`;
      return 'undefined';
    }
    default: {
      const never: never = value;
      return never;
    }
  }
}

/** The Node.js example of the docs pages (`docs-example.hbs`): the request object of the call. */
export const typescriptDocsExample: DocsExample = {
  title: 'Node.js',
  fence: 'js',
  template: 'docs-example.hbs',
  // Properties are declared `name?: type` when optional: the type itself is the field's.
  declaredType: (field) => field.type,
  signature: ({ methodName, inputType, resultType }) =>
    `${methodName}(input: ${inputType}, options?: CallOptions): Promise<${resultType}>`,
  errors: {
    base: 'SoapRuntimeError',
    fault: 'SoapFaultError',
    faultMembers: '`code`, `reason`, `actor`, `detail`',
    http: 'HttpError',
    others: ['ResponseFormatError', 'TimeoutError', 'TransportError', 'DecodeError', 'EncodeError'],
  },
  data({ service, operation, endpoint, arguments: args, enums }, adapter) {
    const client = adapter.typeName(`${service.name}Client`);
    return {
      endpoint,
      pkg: adapter.packageOf(service.name).name,
      client,
      method: adapter.methodName(operation.name),
      imports: [client, ...enums.map((e) => adapter.typeName(e))].join(', '),
      request: args
        .map((a) => ({ name: a.name, value: literal(a.value, adapter) }))
        .filter((a) => a.value !== 'undefined')
        .map((a) => `${adapter.propertyName(a.name)}: ${a.value},`),
    };
  },
};
