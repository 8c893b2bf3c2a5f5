package io.ecgrid.soap.runtime;

import java.util.Objects;

/**
 * An attribute as written: {@code name} with its prefix ({@code xsi:nil}), the prefix, the local
 * name, the resolved namespace ({@code ""} for none) and the value with references expanded.
 */
public record XmlAttribute(String name, String prefix, String localName, String namespace, String value) {
    public XmlAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(value, "value");
    }

    /** An attribute without a namespace. */
    public static XmlAttribute of(String name, String value) {
        return new XmlAttribute(name, "", name, "", value);
    }
}
