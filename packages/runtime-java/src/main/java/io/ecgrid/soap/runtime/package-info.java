/**
 * The run-time library of the Java SDKs that ecgrid-codegen generates from a WSDL: a strict XML
 * reader on the JDK's StAX parser (DTDs refused, nesting limited), the schema-driven codec that
 * generated models describe themselves to ({@link io.ecgrid.soap.runtime.ComplexType},
 * {@link io.ecgrid.soap.runtime.Particle}, {@link io.ecgrid.soap.runtime.SimpleType},
 * {@link io.ecgrid.soap.runtime.Builtins}), SOAP 1.1 and 1.2 envelopes and the client on
 * {@code java.net.http}, typed errors ({@link io.ecgrid.soap.runtime.SoapException} and its
 * subclasses) and secret redaction. It never depends on a WSDL: SDKs of several WSDLs share it.
 */
package io.ecgrid.soap.runtime;
