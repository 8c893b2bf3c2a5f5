package io.ecgrid.soap.runtime;

/** A SOAP version with its envelope namespace. */
public enum SoapVersion {
    /** SOAP 1.1: {@code text/xml} and the {@code SOAPAction} header. */
    SOAP_11("1.1", "http://schemas.xmlsoap.org/soap/envelope/"),
    /** SOAP 1.2: {@code application/soap+xml} with the {@code action} parameter. */
    SOAP_12("1.2", "http://www.w3.org/2003/05/soap-envelope");

    private final String number;
    private final String envelopeNamespace;

    SoapVersion(String number, String envelopeNamespace) {
        this.number = number;
        this.envelopeNamespace = envelopeNamespace;
    }

    /**
     * The version number.
     *
     * @return {@code 1.1} or {@code 1.2}
     */
    public String number() {
        return number;
    }

    /**
     * The namespace of the version's Envelope element.
     *
     * @return the namespace URI
     */
    public String envelopeNamespace() {
        return envelopeNamespace;
    }
}
