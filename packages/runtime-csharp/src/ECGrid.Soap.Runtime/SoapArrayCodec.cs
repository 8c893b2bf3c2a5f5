namespace ECGrid.Soap.Runtime;

using System.Collections;
using System.Collections.Generic;
using System.Text;

/// <summary>
/// SOAP-encoded arrays (SOAP 1.1 section 5.4.2): the value is a list; on the wire the array element holds
/// one unqualified <c>item</c> child per item and carries <c>soapenc:arrayType="xsd:string[n]"</c>. Items may
/// be nil. Partially transmitted (<c>soapenc:offset</c>), sparse (<c>soapenc:position</c>) and multi-reference
/// (<c>href</c>) arrays are refused with a clear error rather than misread.
/// </summary>
public sealed class SoapArrayCodec : TypeCodec, IDerivable
{
    internal const string SoapEncodingNamespace = "http://schemas.xmlsoap.org/soap/encoding/";
    private readonly TypeCodec _item;
    private readonly string _itemId;

    /// <summary>The array type <paramref name="name"/> of <paramref name="item"/> values, whose schema id <paramref name="itemId"/> is written in <c>soapenc:arrayType</c>.</summary>
    public SoapArrayCodec(string name, TypeCodec item, string itemId) : base(name)
    {
        _item = item;
        _itemId = itemId;
    }

    internal override bool IsComplex => false;

    /// <summary><c>xsi:type</c> may name the array type itself or <c>soapenc:Array</c>.</summary>
    TypeCodec? IDerivable.XsiTarget(string ns, string local, bool strict) =>
        local == Name || (local == "Array" && (!strict || ns == SoapEncodingNamespace)) ? this : null;

    internal override object? Decode(XmlElementNode node, DecodeContext ctx)
    {
        foreach (var a in node.Attributes)
        {
            if (a.NamespaceUri == SoapEncodingNamespace && a.LocalName == "offset")
            {
                throw new CodecFailure("invalid-value", "partially transmitted SOAP arrays (soapenc:offset) are not supported", node);
            }
        }
        var items = new List<object?>();
        foreach (var child in node.Children)
        {
            if (child is XmlTextNode text)
            {
                if (!XmlTreeWriter.IsWhitespace(text.Text)) throw new CodecFailure("unexpected-text", "text is not allowed here (element-only content)", text);
                continue;
            }
            if (child is not XmlElementNode element) continue;
            try
            {
                foreach (var a in element.Attributes)
                {
                    if (a.NamespaceUri == SoapEncodingNamespace && a.LocalName == "position")
                    {
                        throw new CodecFailure("invalid-value", "sparse SOAP arrays (soapenc:position) are not supported", element);
                    }
                    if (a.NamespaceUri.Length == 0 && a.LocalName == "href") throw new CodecFailure("invalid-value", "multi-reference values (href) are not supported", element);
                }
                if (element.Attributes.Count != 0 && Codec.IsNil(element)) items.Add(null);
                else
                {
                    items.Add(Codec.ForElement(element, _item, ctx).Decode(element, ctx));
                }
            }
            catch (CodecFailure failure)
            {
                failure.Segments.Add($"[{items.Count}]");
                throw;
            }
        }
        return ListOf(items);
    }

    /// <summary>The decoded items as the list type of the C# property (<c>List&lt;T?&gt;</c>).</summary>
    private IList ListOf(List<object?> items)
    {
        var list = _item.NewList();
        foreach (var item in items) list.Add(item);
        return list;
    }

    internal override string Encode(object value, string local, string ns, EncodeState st, string parentDefault, int depth)
    {
        if (value is not IList items) throw new CodecFailure("invalid-type", "expected a list (a SOAP-encoded array)");
        var def = Codec.DefaultInside(ns, st, parentDefault);
        var declared = new Declared();
        var enc = Codec.PrefixFor(st, SoapEncodingNamespace, declared);
        var arrayType = $"{Codec.QNameOf(_itemId, st, declared, def)}[{items.Count}]";
        var head = $"{Codec.OpenTag(local, ns, st, parentDefault)}{declared.Text} {enc}:arrayType=\"{XmlTreeWriter.EscapeAttribute(arrayType)}\"";
        var saved = st.EnterScope(declared);
        var line = st.Pretty ? st.Line(depth + 1) : "";
        var body = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                var item = items[i];
                body.Append(line).Append(item is null ? Codec.NilElement("item", "", st, def) : _item.Encode(item, "item", "", st, def, depth + 1));
            }
            catch (CodecFailure failure)
            {
                failure.Segments.Add($"[{i}]");
                throw;
            }
        }
        st.Scope = saved;
        if (body.Length == 0) return head + "/>";
        return $"{head}>{body}{(st.Pretty ? st.Line(depth) : "")}</{local}>";
    }
}
