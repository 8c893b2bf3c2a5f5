package io.ecgrid.soap.runtime;

import java.util.List;

/**
 * The service answered with a SOAP Fault. SOAP 1.1 and 1.2 faults have one shape: the fault code
 * as written ({@code soap:Client}) with its resolved namespace and local name, the reason, the
 * actor (1.1 {@code faultactor}, 1.2 {@code Role}), the node and subcodes (1.2), and the detail
 * element as XML.
 */
public class SoapFaultException extends SoapException {
    private static final long serialVersionUID = 1L;

    private final SoapVersion version;
    private final String faultCode;
    private final String codeNamespace;
    private final String codeLocalName;
    private final String reason;
    private final String actor;
    private final String node;
    private final transient List<String> subcodes;
    private final transient XmlElement detail;

    public SoapFaultException(SoapVersion version, String faultCode, String codeNamespace, String codeLocalName,
            String reason, String actor, String node, List<String> subcodes, XmlElement detail) {
        super(faultCode, "SOAP fault " + faultCode + ": " + reason);
        this.version = version;
        this.faultCode = faultCode;
        this.codeNamespace = codeNamespace;
        this.codeLocalName = codeLocalName;
        this.reason = reason;
        this.actor = actor;
        this.node = node;
        this.subcodes = List.copyOf(subcodes);
        this.detail = detail;
    }

    public SoapVersion version() {
        return version;
    }

    /** The fault code as written, e.g. {@code soap:Client} or {@code soap:Sender}. */
    public String faultCode() {
        return faultCode;
    }

    /** The namespace the fault code's prefix stands for. */
    public String codeNamespace() {
        return codeNamespace;
    }

    /** The fault code without its prefix, e.g. {@code Client}. */
    public String codeLocalName() {
        return codeLocalName;
    }

    /** 1.1 {@code faultstring}, 1.2 {@code Reason/Text}. */
    public String reason() {
        return reason;
    }

    /** 1.1 {@code faultactor}, 1.2 {@code Role}; null when absent. */
    public String actor() {
        return actor;
    }

    /** 1.2 {@code Node}; null when absent. */
    public String node() {
        return node;
    }

    /** 1.2 {@code Subcode/Value} chain as written, outermost first; empty for 1.1. */
    public List<String> subcodes() {
        return subcodes == null ? List.of() : subcodes;
    }

    /** 1.1 {@code detail}, 1.2 {@code Detail}; null when absent. */
    public XmlElement detail() {
        return detail;
    }
}
