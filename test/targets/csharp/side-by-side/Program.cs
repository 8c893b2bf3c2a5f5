// The v3.2 and v4.1 SDKs in one program: `SideBySide <v3Url> <v4Url>` calls Version on each service
// (the test's local server answers with that service's response), decodes each SDK's own document
// and the other's, and reports which runtime assembly each SDK uses.
using System;
using System.Linq;
using System.Threading.Tasks;
using ECGrid.Soap.Runtime;
using V3 = ECGridOS_API_v3.Client;
using V4 = ECGridOS_API_v4.Client;

internal static class Program
{
    private static string RuntimeOf(Type type) =>
        string.Join(",", type.Assembly.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("ECGrid.Soap", StringComparison.Ordinal)).Select(a => $"{a.Name}/{a.Version}"));

    private static string Try(Func<object?> decode)
    {
        try
        {
            return $"ok {decode()}";
        }
        catch (DecodeException error)
        {
            return $"{error.Code} {error.Path}";
        }
    }

    private static async Task<int> Main(string[] args)
    {
        using var v3 = new V3.ECGridOS_API_v3Client(new SoapClientOptions { Endpoint = new Uri(args[0]) });
        using var v4 = new V4.ECGridOS_API_v4Client(new SoapClientOptions { Endpoint = new Uri(args[1]), SoapVersion = SoapVersion.Soap12 });
        Console.WriteLine($"v3 Version: {await v3.VersionAsync()}");
        Console.WriteLine($"v4 Version: {await v4.VersionAsync()}");

        const string v3Document = "<VersionResponse xmlns=\"http://ecgridos.net/\"><VersionResult>3.2</VersionResult></VersionResponse>";
        const string v4Document = "<VersionResponse xmlns=\"https://os.ecgrid.io/\"><VersionResult>4.1</VersionResult></VersionResponse>";
        Console.WriteLine($"v3 decodes v3: {Try(() => V3.XmlRoots.VersionResponse.Decode(v3Document).VersionResult)}");
        Console.WriteLine($"v4 decodes v4: {Try(() => V4.XmlRoots.VersionResponse.Decode(v4Document).VersionResult)}");
        Console.WriteLine($"v4 decodes v3: {Try(() => V4.XmlRoots.VersionResponse.Decode(v3Document).VersionResult)}");
        Console.WriteLine($"v3 decodes v4: {Try(() => V3.XmlRoots.VersionResponse.Decode(v4Document).VersionResult)}");

        // Each SDK is its own assembly in its own namespace, with no runtime type of its own; both use the one runtime.
        var sdks = new[] { typeof(V3.ECGridOS_API_v3Client), typeof(V4.ECGridOS_API_v4Client) };
        foreach (var sdk in sdks)
        {
            var runtimeTypes = sdk.Assembly.GetTypes().Count(t => t.Namespace?.StartsWith("ECGrid.Soap", StringComparison.Ordinal) == true || t.Name is "XmlTreeReader" or "SoapClientCore" or "ComplexCodec`1");
            Console.WriteLine($"{sdk.Assembly.GetName().Name}: namespace {sdk.Namespace}, runtime {RuntimeOf(sdk)}, runtime types inside {runtimeTypes}");
        }
        Console.WriteLine($"runtime loaded: {typeof(SoapClientOptions).Assembly.GetName().Name}/{typeof(SoapClientOptions).Assembly.GetName().Version}, copies {AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "ECGrid.Soap.Runtime")}");
        return 0;
    }
}
