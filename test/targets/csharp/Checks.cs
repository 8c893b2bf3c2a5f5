// Checks of the contract package's codec and client, one line of output per case, for
// test/targets/csharp.test.ts: `Driver --checks <baseUrl>` (the test's server answers by path).
using System;
using System.Threading.Tasks;
using ECGrid.Soap.Runtime;
using ECGridOS.Client;

internal static class Checks
{
    private const string Ns = "https://os.ecgrid.io/";
    private const string Secret = "s3cr3t-session";

    private static string Info(string visibility, string key = "<Key>k</Key>") =>
        $"<KeyIDInfo xmlns=\"{Ns}\"><KeyID>1</KeyID><UserID>2</UserID>{key}<Visibility>{visibility}</Visibility><Created>2026-05-07T10:00:00.5+02:00</Created></KeyIDInfo>";

    private static string Describe(Exception error) => error switch
    {
        DecodeException d => $"{d.GetType().Name} {d.Code} {d.Path} line={d.Line}",
        SoapFaultException f => $"{f.GetType().Name} {f.FaultCode.Code} {f.FaultCode.LocalName} {f.Reason} detail={f.Detail?.LocalName} {f.Detail?.ToString().Replace("\n", " ")}",
        HttpStatusException h => $"{h.GetType().Name} {h.Code} {h.StatusCode} {h.ContentType} {h.BodyExcerpt}",
        ResponseFormatException r => $"{r.GetType().Name} {r.Code} inner={(r.InnerException as SoapRuntimeException)?.Code}",
        SoapRuntimeException s => $"{s.GetType().Name} {s.Code} {s.Message}",
        _ => $"{error.GetType().Name} {error.Message}",
    };

    private static void Case(string name, Func<string> run)
    {
        string result;
        try
        {
            result = run();
        }
        catch (Exception error)
        {
            result = Describe(error);
        }
        Console.WriteLine($"{name}: {result}");
    }

    private static async Task CaseAsync(string name, Func<Task<string>> run)
    {
        string result;
        try
        {
            result = await run();
        }
        catch (Exception error)
        {
            result = Describe(error);
        }
        Console.WriteLine($"{name}: {result}");
    }

    public static async Task<int> RunAsync(string baseUrl)
    {
        var root = XmlRoots.KeyIDInfo;
        Case("decode", () =>
        {
            var v = root.Decode(Info("Public"));
            return $"{v.KeyID} {v.Visibility} {v.Created} {v.Created:yyyy-MM-dd HH:mm} {v.Created.Offset} {v.Created.DateTime.Kind}";
        });
        Case("unknown-enum", () => root.Decode(Info("Secret")).Key);
        Case("missing-required", () => root.Decode(Info("Public", "")).Key);
        Case("doctype", () => root.Decode("<!DOCTYPE KeyIDInfo [<!ENTITY e \"x\">]>" + Info("Public")).Key);
        Case("int-range", () => root.Decode(Info("Public").Replace("<KeyID>1</KeyID>", "<KeyID>2147483648</KeyID>")).Key);
        Case("wrong-namespace", () => root.Decode(Info("Public").Replace(Ns, "urn:other")).Key);
        Case("encode-missing", () => root.Encode(new KeyIDInfo { KeyID = 1, UserID = 2, Key = null!, Visibility = KeyVisibility.Session, Created = XsdDateTime.Parse("2026-05-07T10:00:00") }));
        Case("encode-undefined-enum", () => root.Encode(new KeyIDInfo { KeyID = 1, UserID = 2, Key = "k", Visibility = (KeyVisibility)42, Created = XsdDateTime.Parse("2026-05-07T10:00:00") }));
        Case("encode", () => root.Encode(new KeyIDInfo { KeyID = 1, UserID = 2, Key = "a&b", Visibility = KeyVisibility.Session, Created = new DateTime(2026, 5, 7, 10, 0, 0, DateTimeKind.Utc) }));

        async Task<string> Call(string path, SoapVersion version = SoapVersion.Soap11, double timeoutSeconds = 10)
        {
            using var client = new ECGridOSClient(new SoapClientOptions { Endpoint = new Uri(baseUrl + path), SoapVersion = version, Timeout = TimeSpan.FromSeconds(timeoutSeconds) });
            var info = await client.KeySetAsync(Secret, 5001, KeyVisibility.Shared);
            return $"{info.KeyID} {info.Key} {info.Visibility} {info.Created:yyyy-MM-dd}";
        }
        await CaseAsync("soap11", () => Call("/soap11"));
        await CaseAsync("soap12", () => Call("/soap12", SoapVersion.Soap12));
        await CaseAsync("fault11", () => Call("/fault11"));
        await CaseAsync("fault12", () => Call("/fault12", SoapVersion.Soap12));
        await CaseAsync("html", () => Call("/html"));
        await CaseAsync("not-xml", () => Call("/not-xml"));
        await CaseAsync("timeout", () => Call("/hang", SoapVersion.Soap11, 0.3));
        await CaseAsync("bad-response", () => Call("/bad-enum"));
        return 0;
    }
}
