namespace ECGrid.Soap.Runtime;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;

/// <summary>
/// The text of a generated model for logs and the debugger, as C# records print themselves:
/// <c>KeySet { SessionID = ***, UserID = 5, Visibility = Private }</c>. Fields whose names mark secrets (SessionID,
/// Password, APIKey, ... as <see cref="SoapClientOptions.SecretFields"/> by default) print as <c>***</c> whatever they
/// hold; strings are quoted and cut to 100 characters, lists to their first 20 items. Generated models call it from
/// their <c>ToString()</c>.
/// </summary>
public static class ModelText
{
    private const int MaxItems = 20;
    private const int MaxDepth = 16;

    [ThreadStatic]
    private static int _depth;

    /// <summary>The type name and the public properties of <paramref name="model"/>, secrets hidden.</summary>
    public static string Of(object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var type = model.GetType();
        var name = type.IsNested && type.DeclaringType is { } outer ? $"{outer.Name}.{type.Name}" : type.Name;
        if (_depth >= MaxDepth) return name + " { ... }";
        _depth++;
        try
        {
            var text = new StringBuilder(name).Append(" {");
            var first = true;
            foreach (var property in PropertiesOf(type))
            {
                text.Append(first ? " " : ", ").Append(property.Name).Append(" = ");
                first = false;
                var value = property.GetValue(model);
                if (value is not null && Secrets.IsSecretField(property.Name, Secrets.DefaultFields)) text.Append(Secrets.Redacted);
                else Append(text, value);
            }
            return text.Append(first ? "}" : " }").ToString();
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Public instance properties, the base class's first, each class's in declaration order.</summary>
    private static IEnumerable<PropertyInfo> PropertiesOf(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) chain.Insert(0, t);
        foreach (var t in chain)
        {
            var declared = t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
            Array.Sort(declared, (a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
            foreach (var p in declared)
            {
                if (p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true }) yield return p;
            }
        }
    }

    private static void Append(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append('"').Append(Excerpt.Of(s)).Append('"');
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case byte[] bytes:
                text.Append("byte[").Append(bytes.Length).Append(']');
                break;
            case XmlTreeNode node:
                text.Append(Excerpt.Of(node.ToString() ?? ""));
                break;
            case IList list:
                text.Append('[');
                for (var i = 0; i < list.Count && i < MaxItems; i++)
                {
                    if (i > 0) text.Append(", ");
                    Append(text, list[i]);
                }
                if (list.Count > MaxItems) text.Append(", ... (").Append(list.Count).Append(" items)");
                text.Append(']');
                break;
            case IFormattable formattable:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value.ToString());
                break;
        }
    }
}
