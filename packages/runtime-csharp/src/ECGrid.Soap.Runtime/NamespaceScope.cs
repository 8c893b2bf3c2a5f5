namespace ECGrid.Soap.Runtime;

using System.Collections;
using System.Collections.Generic;

/// <summary>
/// The prefixes in scope at an element, chained to its parent's scope: an element that declares namespaces adds
/// one link holding only its own declarations, so a document never costs a copy of the whole scope per element.
/// Lookups walk the chain (at most the depth limit long); enumerating builds the merged map once, on demand.
/// </summary>
internal sealed class NamespaceScope : IReadOnlyDictionary<string, string>
{
    /// <summary>The scope of a root element without declarations: only <c>xml</c>.</summary>
    public static readonly NamespaceScope Root = new(null, new[] { new KeyValuePair<string, string>("xml", XmlTreeReader.XmlNamespace) });

    private readonly NamespaceScope? _parent;
    private readonly KeyValuePair<string, string>[] _own;
    private Dictionary<string, string>? _merged;

    public NamespaceScope(NamespaceScope? parent, KeyValuePair<string, string>[] own)
    {
        _parent = parent;
        _own = own;
    }

    public bool TryGetValue(string key, out string value)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            var own = scope._own;
            for (var i = own.Length - 1; i >= 0; i--)
            {
                if (own[i].Key == key)
                {
                    value = own[i].Value;
                    return true;
                }
            }
        }
        value = "";
        return false;
    }

    private Dictionary<string, string> Merged()
    {
        if (_merged is not null) return _merged;
        var links = new List<NamespaceScope>();
        for (var scope = this; scope is not null; scope = scope._parent) links.Add(scope);
        var merged = new Dictionary<string, string>();
        for (var i = links.Count - 1; i >= 0; i--) foreach (var pair in links[i]._own) merged[pair.Key] = pair.Value;
        return _merged = merged;
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"prefix \"{Excerpt.Of(key)}\" is not in scope");

    public IEnumerable<string> Keys => Merged().Keys;

    public IEnumerable<string> Values => Merged().Values;

    public int Count => Merged().Count;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Merged().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
