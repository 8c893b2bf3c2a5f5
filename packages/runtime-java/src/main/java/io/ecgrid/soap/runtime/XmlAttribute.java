package io.ecgrid.soap.runtime;

import java.util.Objects;

/**
 * An attribute as written.
 *
 * @param name the name with its prefix ({@code xsi:nil})
 * @param prefix the prefix, {@code ""} for none
 * @param localName the local name
 * @param namespace the resolved namespace, {@code ""} for none
 * @param value the value with references expanded
 */
public record XmlAttribute(String name, String prefix, String localName, String namespace, String value) {
    /**
     * Checks that no component is null.
     *
     * @param name the name with its prefix
     * @param prefix the prefix
     * @param localName the local name
     * @param namespace the resolved namespace
     * @param value the value
     */
    public XmlAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(localName, "localName");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(value, "value");
    }

    /**
     * An attribute without a namespace.
     *
     * @param name its name
     * @param value its value
     * @return the attribute
     */
    public static XmlAttribute of(String name, String value) {
        return new XmlAttribute(name, "", name, "", value);
    }
}
