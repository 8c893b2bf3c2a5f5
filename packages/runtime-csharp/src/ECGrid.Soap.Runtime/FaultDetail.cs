namespace ECGrid.Soap.Runtime;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

/// <summary>
/// A fault detail (XML no schema describes here) as plain values, as node-soap gives it: an element without child elements
/// is its text; one with child elements is a dictionary of them by local name (a list for a name that repeats); attributes
/// other than <c>xsi:</c> ones go to <c>$attributes</c> (the text then to <c>$value</c>); <c>xsi:nil="true"</c> is null.
/// Text between child elements is left out.
/// </summary>
internal static class FaultDetail
{
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    public static object? PlainValue(XmlElementNode element)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var nil = false;
        foreach (var a in element.Attributes)
        {
            if (a.NamespaceUri == XsiNamespace)
            {
                if (a.LocalName == "nil" && a.Value.Trim() is "true" or "1") nil = true;
                continue;
            }
            attributes[a.LocalName] = a.Value;
        }
        if (nil) return null;
        var children = element.Children.OfType<XmlElementNode>().ToList();
        if (children.Count == 0)
        {
            var text = new StringBuilder();
            foreach (var child in element.Children)
            {
                if (child is XmlTextNode t) text.Append(t.Text);
            }
            if (attributes.Count == 0) return text.ToString();
            return new Dictionary<string, object?>(StringComparer.Ordinal) { ["$attributes"] = attributes, ["$value"] = text.ToString() };
        }
        var byName = new Dictionary<string, List<object?>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var child in children)
        {
            if (!byName.TryGetValue(child.LocalName, out var values))
            {
                byName[child.LocalName] = values = new List<object?>();
                order.Add(child.LocalName);
            }
            values.Add(PlainValue(child));
        }
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in order) result[name] = byName[name].Count == 1 ? byName[name][0] : byName[name];
        if (attributes.Count > 0) result["$attributes"] = attributes;
        return result;
    }
}
