package io.ecgrid.soap.runtime;

import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The prefixes in scope at an element, chained: an element that declares prefixes holds only its
 * own declarations and a link to its parent's scope, and one that declares none shares its
 * parent's. So a document costs memory for the declarations it writes, never a copy of the
 * parent's map per element. Lookups walk the chain (at most the declarations in scope, which
 * the reader bounds); the merged view of {@link #entrySet()} is built when asked for. Immutable.
 */
final class NamespaceScope extends AbstractMap<String, String> {
    /** The empty scope, at the root of every chain. */
    static final NamespaceScope EMPTY = new NamespaceScope(null, Map.of());

    private final NamespaceScope parent;
    private final Map<String, String> own;

    private NamespaceScope(NamespaceScope parent, Map<String, String> own) {
        this.parent = parent;
        this.own = own;
    }

    /**
     * The scope of an element: its parent's, with its own declarations on top.
     *
     * @param declarations the element's declarations (prefix, {@code ""} for the default, to URI)
     * @return this scope when there are none, else a link to this one
     */
    NamespaceScope declare(Map<String, String> declarations) {
        if (declarations.isEmpty()) {
            return this;
        }
        return new NamespaceScope(this, declarations.size() == 1 ? Map.copyOf(declarations)
                : Collections.unmodifiableMap(new LinkedHashMap<>(declarations)));
    }

    @Override
    public String get(Object prefix) {
        for (NamespaceScope s = this; s != null; s = s.parent) {
            String uri = s.own.get(prefix);
            if (uri != null) {
                return uri;
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object prefix) {
        return get(prefix) != null;
    }

    @Override
    public String getOrDefault(Object prefix, String fallback) {
        String uri = get(prefix);
        return uri == null ? fallback : uri;
    }

    /** Every binding in scope, outermost declaration first, an inner one replacing an outer one. */
    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        Deque<Map<String, String>> chain = new ArrayDeque<>();
        for (NamespaceScope s = this; s != null; s = s.parent) {
            chain.push(s.own);
        }
        Map<String, String> merged = new LinkedHashMap<>();
        for (Map<String, String> declarations : chain) {
            merged.putAll(declarations);
        }
        return Collections.unmodifiableMap(merged).entrySet();
    }
}
