// The C# round-trip driver: `Driver <manifest.json> <outDir>` decodes every vector's input with the
// generated codec and encodes it again (test/targets/README.md, "The driver contract").
using System;
using System.IO;
using System.Text;
using System.Text.Json;
using ECGrid.Soap.Runtime;
// The generated package's namespace (ECGridOS.Client, ECGridOS_API_v4.Client, ...) is a global using of Driver.csproj.

#if CLIENT_CHECKS
if (args.Length == 2 && args[0] == "--checks") return await Checks.RunAsync(args[1]);
#endif
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Driver <manifest.json> <outDir>");
    return 2;
}
var manifestPath = Path.GetFullPath(args[0]);
var baseDir = Path.GetDirectoryName(manifestPath)!;
var outDir = args[1];
Directory.CreateDirectory(outDir);
using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath, Encoding.UTF8));
var utf8 = new UTF8Encoding(false);
foreach (var vector in manifest.RootElement.GetProperty("vectors").EnumerateArray())
{
    var name = vector.GetProperty("name").GetString()!;
    try
    {
        var root = vector.GetProperty("root");
        var id = root.GetProperty("id").GetString()!;
        IXmlRoot target = root.GetProperty("kind").GetString() == "element" ? XmlCodec.Element(id) : XmlCodec.Type(id);
        var decode = new DecodeOptions
        {
            Namespaces = vector.GetProperty("decode").GetProperty("namespaces").GetString() == "ignore" ? NamespaceMode.Ignore : NamespaceMode.Strict,
        };
        var encode = vector.GetProperty("encode");
        var qualified = encode.GetProperty("qualified").GetBoolean();
        var indent = encode.TryGetProperty("indent", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var input = File.ReadAllText(Path.Combine(baseDir, vector.GetProperty("input").GetString()!), Encoding.UTF8);
        string output;
        if (vector.GetProperty("kind").GetString() == "envelope")
        {
            var envelope = SoapEnvelope.Decode(input);
            var value = target.DecodeObject(envelope.Body, decode);
            var body = SoapEnvelope.EncodeBodyObject(target, value, envelope.Version, indent, qualified);
            output = SoapEnvelope.Encode(envelope.Version, body, null, indent);
        }
        else
        {
            var value = target.DecodeObject(XmlElementNode.Parse(input), decode);
            output = target.EncodeObject(value, new EncodeOptions { Qualified = qualified, Indent = indent });
        }
        File.WriteAllText(Path.Combine(outDir, name + ".xml"), output, utf8);
    }
    catch (Exception error)
    {
        Console.Error.WriteLine($"vector {name}: {error.GetType().Name}: {error.Message}");
        return 1;
    }
}
return 0;
