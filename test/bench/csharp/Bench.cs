// The C# runtime benchmark (run by test/bench/csharp.bench.mjs, not a test):
// `Bench <keylist-response.xml> <keyset.json>` times, in one process with rounds interleaving the
// contestants, decoding the KeyListResponse envelope (the same string for each) with ours (the
// generated v4.1 SDK on ECGrid.Soap.Runtime, as its client decodes a response) and with
// XmlSerializer on a hand-written minimal [XmlRoot] class set (a fair stand-in for svcutil's
// output; deserializing the Body's first element from an XmlReader, as WCF does), a bare XmlReader
// pass as the floor (ours with SoapEnvelope.DecodeBody, as the client decodes); encoding the KeySet
// request envelope with ours and with XmlSerializer into an XmlWriter inside the envelope; and the bytes one decode allocates
// (GC.GetAllocatedBytesForCurrentThread). BENCH_ROUNDS sets the rounds. Prints one JSON object;
// every decoder's 10,000 KeyValue items are counted, each encoder's output is checked to hold each
// KeySet value.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Serialization;
using ECGrid.Soap.Runtime;
using Sdk = ECGridOS_API_v4.Client;

const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Bench <keylist-response.xml> <keyset.json>");
    return 2;
}
var rounds = int.Parse(Environment.GetEnvironmentVariable("BENCH_ROUNDS") ?? "7", System.Globalization.CultureInfo.InvariantCulture);
var document = File.ReadAllText(args[0], Encoding.UTF8);
using var keySetJson = JsonDocument.Parse(File.ReadAllText(args[1], Encoding.UTF8));
var input = keySetJson.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());

// WCF keeps one serializer per type; so does this.
var keyListSerializer = new XmlSerializer(typeof(XsKeyListResponse));
var keySetSerializer = new XmlSerializer(typeof(XsKeySet));
var readerSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = false };

// --- decode -----------------------------------------------------------------------------------
object DecodeOurs()
{
    // As the client decodes a response (SoapClientCore.DecodeResponse).
    return SoapEnvelope.DecodeBody(document, Sdk.XmlRoots.KeyListResponse);
}
object DecodeXmlSerializer()
{
    using var reader = XmlReader.Create(new StringReader(document), readerSettings);
    reader.ReadToFollowing("Body", Soap11);
    reader.Read();
    reader.MoveToContent();
    return keyListSerializer.Deserialize(reader)!;
}
object ReadOnly()
{
    using var reader = XmlReader.Create(new StringReader(document), readerSettings);
    var items = 0;
    while (reader.Read())
    {
        if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "KeyValue") items++;
    }
    return items;
}
var decoded = new Dictionary<string, object>();
var decode = Compare(new() { ["ours"] = DecodeOurs, ["XmlSerializer"] = DecodeXmlSerializer, ["XmlReader pass (floor)"] = ReadOnly }, 1, 5, decoded);
var items = new Dictionary<string, int>
{
    ["ours"] = ((Sdk.KeyListResponse)decoded["ours"]).KeyListResult!.KeyValue.Count,
    ["XmlSerializer"] = ((XsKeyListResponse)decoded["XmlSerializer"]).KeyListResult!.Count,
    ["XmlReader pass (floor)"] = (int)decoded["XmlReader pass (floor)"],
};
decoded.Clear();

// --- encode -----------------------------------------------------------------------------------
var ours = new Sdk.KeySet
{
    SessionID = input["SessionID"],
    Key = input["Key"],
    SystemObject = Enum.Parse<Sdk.Objects>(input["SystemObject"]),
    ObjectID = long.Parse(input["ObjectID"], System.Globalization.CultureInfo.InvariantCulture),
    Visibility = Enum.Parse<Sdk.KeyVisibility>(input["Visibility"]),
    Value = input["Value"],
    Meta = input["Meta"],
    DaysToLive = int.Parse(input["DaysToLive"], System.Globalization.CultureInfo.InvariantCulture),
};
var peer = new XsKeySet
{
    SessionID = input["SessionID"],
    Key = input["Key"],
    SystemObject = Enum.Parse<XsObjects>(input["SystemObject"]),
    ObjectID = long.Parse(input["ObjectID"], System.Globalization.CultureInfo.InvariantCulture),
    Visibility = Enum.Parse<XsKeyVisibility>(input["Visibility"]),
    Value = input["Value"],
    Meta = input["Meta"],
    DaysToLive = int.Parse(input["DaysToLive"], System.Globalization.CultureInfo.InvariantCulture),
};
var writerSettings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
var noPrefixes = new XmlSerializerNamespaces();
noPrefixes.Add("", Ns.Tns);
object EncodeOurs() => SoapEnvelope.Encode(SoapVersion.Soap11, SoapEnvelope.EncodeBody(Sdk.XmlRoots.KeySet, ours, SoapVersion.Soap11, null), null, null);
object EncodeXmlSerializer()
{
    var text = new StringWriter();
    using (var writer = XmlWriter.Create(text, writerSettings))
    {
        writer.WriteStartDocument();
        writer.WriteStartElement("soap", "Envelope", Soap11);
        writer.WriteStartElement("soap", "Body", Soap11);
        keySetSerializer.Serialize(writer, peer, noPrefixes);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }
    return text.ToString();
}
var encoded = new Dictionary<string, object>();
var encode = Compare(new() { ["ours"] = EncodeOurs, ["XmlSerializer"] = EncodeXmlSerializer }, 20_000, 20_000, encoded);
foreach (var (name, output) in encoded)
{
    foreach (var (field, value) in input)
    {
        var escaped = value.Replace("&", "&amp;").Replace("<", "&lt;");
        if (!((string)output).Contains(">" + escaped + "<", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"{name} did not encode {field}: {output}");
            return 1;
        }
    }
}

// --- bytes allocated by one decode ------------------------------------------------------------
long AllocatedBy(Func<object> fn)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    GC.KeepAlive(fn());
    return GC.GetAllocatedBytesForCurrentThread() - before;
}
var allocated = new Dictionary<string, long> { ["ours"] = AllocatedBy(DecodeOurs), ["XmlSerializer"] = AllocatedBy(DecodeXmlSerializer) };

Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["dotnet"] = Environment.Version.ToString(),
    ["server_gc"] = System.Runtime.GCSettings.IsServerGC,
    ["document_chars"] = document.Length,
    ["rounds"] = rounds,
    ["decode_ms"] = decode.ToDictionary(p => p.Key, p => p.Value / 1e6),
    ["decode_items"] = items,
    ["encode_us"] = encode.ToDictionary(p => p.Key, p => p.Value / 1e3),
    ["decode_allocated_bytes"] = allocated,
}));
return 0;

// Median nanoseconds per call of each contestant, rounds interleaving them (each timed after a full
// collection); results go to `last`.
Dictionary<string, double> Compare(Dictionary<string, Func<object>> contestants, int repeat, int warmup, Dictionary<string, object> last)
{
    var times = contestants.Keys.ToDictionary(k => k, _ => new List<double>());
    foreach (var (name, fn) in contestants)
    {
        for (var i = 0; i < warmup; i++) last[name] = fn();
    }
    for (var r = 0; r < rounds; r++)
    {
        foreach (var (name, fn) in contestants)
        {
            object result = null!;
            // Each contestant starts on a collected heap: the garbage and the live result the previous one left
            // (10,000 items) are not collected or promoted on its time.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < repeat; i++) result = fn();
            times[name].Add(Stopwatch.GetElapsedTime(started).TotalNanoseconds / repeat);
            last[name] = result;
        }
    }
    return times.ToDictionary(p => p.Key, p =>
    {
        var s = p.Value.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    });
}

/// <summary>The service's target namespace.</summary>
internal static class Ns
{
    public const string Tns = "https://os.ecgrid.io/";
}

/// <summary>KeyListResponse as svcutil would map it for XmlSerializer (minimal: what the benchmark reads).</summary>
[XmlRoot("KeyListResponse", Namespace = Ns.Tns)]
public sealed class XsKeyListResponse
{
    [XmlArray("KeyListResult", Order = 0)]
    [XmlArrayItem("KeyValue", IsNullable = true)]
    public List<XsKeyValue?>? KeyListResult { get; set; }
}

/// <summary>KeyValue as svcutil would map it for XmlSerializer.</summary>
[XmlType("KeyValue", Namespace = Ns.Tns)]
public sealed class XsKeyValue
{
    [XmlElement(Order = 0)] public string? Key { get; set; }
    [XmlElement(Order = 1)] public string? Value { get; set; }
    [XmlElement(Order = 2)] public string? Meta { get; set; }
    [XmlElement(Order = 3)] public DateTime Created { get; set; }
    [XmlElement(Order = 4)] public DateTime Expires { get; set; }
    [XmlElement(Order = 5)] public XsKeyVisibility Visibility { get; set; }
    [XmlElement(Order = 6)] public int NetworkID { get; set; }
    [XmlElement(Order = 7)] public int MailboxID { get; set; }
    [XmlElement(Order = 8)] public int UserID { get; set; }
    [XmlElement(Order = 9)] public string? SessionID { get; set; }
}

/// <summary>The KeySet request element as svcutil would map it for XmlSerializer.</summary>
[XmlRoot("KeySet", Namespace = Ns.Tns)]
public sealed class XsKeySet
{
    [XmlElement(Order = 0)] public string? SessionID { get; set; }
    [XmlElement(Order = 1)] public string? Key { get; set; }
    [XmlElement(Order = 2)] public XsObjects SystemObject { get; set; }
    [XmlElement(Order = 3)] public long ObjectID { get; set; }
    [XmlElement(Order = 4)] public XsKeyVisibility Visibility { get; set; }
    [XmlElement(Order = 5)] public string? Value { get; set; }
    [XmlElement(Order = 6)] public string? Meta { get; set; }
    [XmlElement(Order = 7)] public int DaysToLive { get; set; }
}

/// <summary>The KeyVisibility enumeration.</summary>
[XmlType("KeyVisibility", Namespace = Ns.Tns)]
public enum XsKeyVisibility { Private, Shared, Public, Session }

/// <summary>The Objects enumeration.</summary>
[XmlType("Objects", Namespace = Ns.Tns)]
public enum XsObjects { System, User, Network, Mailbox, ECGridID, Interconnect, Migration, Parcel, Interchange, CarbonCopy, CallBackEvent, AS2, Comm, GISB, ParcelNotes, InterconnectNote, PriceList, Contract, Invoice }
