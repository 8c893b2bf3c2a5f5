/**
 * What the service templates lay out: the service class and port names, and per operation its
 * parameters, how the request is built, the roots it is sent and received as, and what it returns
 * (the response wrapper's single child, as in the TypeScript client).
 */
import type { ServiceView, View } from '../../generator/src/view/view.js';
import { boxed, isPrimitive, javaFieldName, javaPropertyName, javaTypeName } from './naming.js';
import { isSecret, javaModelPlan, runtimeImportsOf } from './plans.js';
import { fail, indexOf, own, type Index, type RootPlan } from './schema-index.js';

export interface OperationPlan {
  readonly methodName: string;
  /** The operation's name as the WSDL spells it (for the client's log). */
  readonly operationName: string;
  /** The CompletableFuture variant's name: `KeySetAsync`. */
  readonly asyncName: string;
  /** `CompletableFuture<KeyIDInfo>`, the result boxed (`Void` for none). */
  readonly futureType: string;
  readonly isVoid: boolean;
  /** The name of the trailing `CallOptions` parameter (`callOptions`, unless a parameter has it). */
  readonly callOptions: string;
  readonly doc: readonly string[];
  readonly soapAction: string;
  readonly resultType: string;
  readonly params: readonly {
    readonly type: string;
    readonly name: string;
    readonly setter: string;
    readonly doc: readonly string[];
    readonly last: boolean;
  }[];
  /** The parameters that fill the request (the header parameters follow them in `params`). */
  readonly requestParams: readonly { readonly name: string; readonly setter: string }[];
  /** The request object: built from the parameters (`wrapped`), or the single parameter itself. */
  readonly wrapped: boolean;
  readonly requestType: string;
  readonly requestParam: string;
  readonly inputRoot: string;
  /** Null for one-way operations. */
  readonly outputRoot: string | null;
  readonly responseType: string;
  /** The statements after the call, `$response` being the decoded response element (one per line). */
  readonly returns: readonly string[];
  readonly secrets: string;
  /** `, List.of(SoapHeader.of(Roots.X, x), ...)` for an operation with SOAP headers, else ''. */
  readonly headers: string;
  /** `List.of(SoapHeader.of(Roots.X, x), ...)`, `List.of()` for none. */
  readonly headerList: string;
  /** `true` for an rpc/encoded operation, else `false`. */
  readonly encoded: string;
}

export interface ServicePlan {
  /** What the service class and the port interface import from the runtime (and java.*). */
  readonly imports: readonly string[];
  readonly portImports: readonly string[];
  readonly className: string;
  readonly portType: string;
  readonly portGetter: string;
  readonly soap11: string | null;
  readonly soap12: string | null;
  readonly operations: readonly OperationPlan[];
  readonly firstOperation: OperationPlan | null;
  /** Where `ecgrid-codegen mock --port 8080` serves the service (the README's examples call it). */
  readonly mockUrl: string;
}

export function javaServicePlan(view: View, item: unknown): ServicePlan {
  const service = item as ServiceView;
  const index = indexOf(view);
  const descriptor = service.descriptor;
  const className = javaTypeName(service.name);
  const methodNames = new Set(service.operations.map((op) => op.methodName));
  const operations = service.operations.map((op): OperationPlan => {
    const d = own(descriptor.operations, op.name) ?? fail(`bug: no descriptor for operation ${op.name}`);
    const input = index.elementRoots.get(d.input) ?? fail(`bug: no root for ${d.input}`);
    const output =
      d.output === undefined ? undefined : (index.elementRoots.get(d.output) ?? fail(`bug: no root for ${d.output}`));
    const inputElement = own(index.schema.elements, d.input);
    const inputModel = inputElement === undefined ? undefined : index.models.get(inputElement.type);
    const wrapped = d.wrapped && inputModel !== undefined;
    const params = wrapped
      ? javaModelPlan(view, inputModel).properties.map((p, i, all) => ({
          type: p.type,
          name: p.field,
          setter: `set${p.name}`,
          doc: p.doc,
          last: i === all.length - 1,
        }))
      : [{ type: input.type, name: 'request', setter: '', doc: [], last: true }];
    // One parameter per declared SOAP header, after the request's: null leaves the block out.
    const taken = new Set(params.map((p) => p.name));
    const headerParams = (d.headers ?? []).map((id) => {
      const root = index.elementRoots.get(id) ?? fail(`bug: no root for the header ${id}`);
      const base = javaFieldName(javaPropertyName(root.name));
      let name = taken.has(base) ? `${base}Header` : base;
      for (let n = 2; taken.has(name); n++) name = `${base}Header${n}`;
      taken.add(name);
      return { type: root.type, name, setter: '', doc: [], last: false, constant: root.constant };
    });
    const allParams = [...params, ...headerParams].map((p, i, all) => ({
      type: p.type,
      name: p.name,
      setter: p.setter,
      doc: p.doc,
      last: i === all.length - 1,
    }));
    const headerList = `List.of(${headerParams.map((h) => `SoapHeader.of(Roots.${h.constant}, ${h.name})`).join(', ')})`;
    // rpc/encoded: the request's simple-typed elements carry xsi:type.
    const headers = d.encoded === true ? `, ${headerList}, true` : headerParams.length === 0 ? '' : `, ${headerList}`;
    const secretNames = wrapped
      ? javaModelPlan(view, inputModel)
          .properties.filter((p) => p.type === 'String' && isSecret(p.xmlName))
          .map((p) => p.field)
      : [];
    let asyncName = `${op.methodName}Async`;
    for (let n = 2; methodNames.has(asyncName); n++) asyncName = `${op.methodName}Async${n}`;
    let callOptions = 'callOptions';
    for (let n = 2; taken.has(callOptions); n++) callOptions = `callOptions${n}`;
    const isVoid = op.resultType === 'void';
    return {
      methodName: op.methodName,
      operationName: op.name,
      asyncName,
      futureType: `CompletableFuture<${isVoid ? 'Void' : boxed(op.resultType)}>`,
      isVoid,
      callOptions,
      doc: op.doc,
      soapAction: op.soapAction,
      resultType: op.resultType,
      params: allParams,
      requestParams: params,
      wrapped,
      requestType: wrapped ? (inputModel?.name ?? '') : input.type,
      requestParam: wrapped ? '$request' : 'request',
      inputRoot: input.constant,
      outputRoot: output?.constant ?? null,
      responseType: output?.type ?? 'Void',
      returns: returnStatements(view, index, op.resultType, d.wrapped, output),
      secrets: secretNames.length === 0 ? 'List.of()' : `Show.secrets(${secretNames.join(', ')})`,
      headers,
      headerList,
      encoded: d.encoded === true ? 'true' : 'false',
    };
  });
  const signatures = operations.flatMap((op) => [op.resultType, ...op.params.map((p) => p.type)]);
  const javaImports = (texts: readonly string[]) => [
    ...(texts.some((t) => /\bBigInteger\b/.test(t)) ? ['java.math.BigInteger'] : []),
    ...(texts.some((t) => /\bList\b/.test(t)) ? ['java.util.List'] : []),
  ];
  const serviceTexts = [
    ...signatures,
    ...operations.flatMap((op) => [op.responseType, op.secrets, op.headerList, ...op.returns]),
  ];
  return {
    imports: [
      ...runtimeImportsOf(['CallOptions ClientOptions SoapClient SoapVersion', ...serviceTexts]),
      ...javaImports(serviceTexts).filter((i) => i < 'java.net.URI'),
      'java.net.URI',
      'java.net.http.HttpClient',
      ...javaImports(serviceTexts).filter((i) => i > 'java.net.URI'),
      ...(operations.length > 0 ? ['java.util.concurrent.CompletableFuture'] : []),
    ],
    portImports: [
      ...runtimeImportsOf(['CallOptions', ...signatures]),
      ...javaImports(signatures),
      ...(operations.length > 0 ? ['java.util.concurrent.CompletableFuture'] : []),
    ],
    className,
    portType: `${className}PortType`,
    portGetter: `get${className}Port`,
    soap11: service.endpoints.soap11 ?? null,
    soap12: service.endpoints.soap12 ?? null,
    operations,
    firstOperation: operations[0] ?? null,
    mockUrl: `http://127.0.0.1:8080${addressPath(service.endpoints.soap11 ?? service.endpoints.soap12)}`,
  };
}

/** The path of a WSDL address (`/v4.1/prod/ECGridOS.asmx`), `/` when there is none or it does not parse. */
function addressPath(address: string | undefined): string {
  if (address === undefined) return '/';
  try {
    return new URL(address).pathname;
  } catch {
    return '/';
  }
}

/**
 * What a port method returns, as the TypeScript client does: for wrapped operations the value of
 * the response wrapper's single child element, nothing for an empty wrapper, else the response.
 */
function returnStatements(
  view: View,
  index: Index,
  resultType: string,
  wrapped: boolean,
  output: RootPlan | undefined,
): string[] {
  if (output === undefined || resultType === 'void') return [];
  const outputElement = own(index.schema.elements, output.id);
  const outputModel = outputElement === undefined ? undefined : index.models.get(outputElement.type);
  const outputType = outputElement === undefined ? undefined : own(index.schema.types, outputElement.type);
  const single =
    outputType?.kind === 'complex' && outputType.content.length === 1 && outputType.content[0]?.kind === 'element';
  if (!wrapped || outputModel === undefined || !single) return ['return $response;'];
  const property = javaModelPlan(view, outputModel).properties[0] ?? fail(`bug: ${outputModel.name} has no property`);
  const value =
    property.factory === 'nillable'
      ? `$response.get${property.name}() == null ? null : $response.get${property.name}().orNull()`
      : `$response.get${property.name}()`;
  if (!output.nillable) return [`return ${value};`];
  if (isPrimitive(resultType)) {
    return [
      'if ($response == null) {',
      '    throw new ResponseFormatException(200, "the response element is nil", "", null);',
      '}',
      `return ${value};`,
    ];
  }
  return [`return $response == null ? null : ${value};`];
}
