// The C# hostile-suite driver (test/hostile/hostile.test.ts): one KeySet call through the committed
// contract SDK (ECGridOS.Client, on ECGrid.Soap.Runtime) with the given deadline and every other
// option at its default; one JSON line on stdout.
//
//     dotnet HostileDriver.dll <endpoint-url> <timeout-ms>
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using ECGrid.Soap.Runtime;
using ECGridOS.Client;

var options = new SoapClientOptions { Endpoint = new Uri(args[0]), Timeout = TimeSpan.FromMilliseconds(long.Parse(args[1], CultureInfo.InvariantCulture)) };
var json = new JsonWriterOptions { Indented = false };
using var buffer = new MemoryStream();
using (var line = new Utf8JsonWriter(buffer, json))
{
    line.WriteStartObject();
    var watch = Stopwatch.StartNew();
    try
    {
        using var client = new ECGridOSClient(options);
        var info = await client.KeySetAsync("s3cr3t-session-7f9e2c", 5001, KeyVisibility.Shared);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        line.WriteBoolean("ok", true);
        line.WriteStartObject("value");
        line.WriteNumber("KeyID", info.KeyID);
        line.WriteNumber("UserID", info.UserID);
        line.WriteString("Key", info.Key);
        // The contract's enumeration members are named as their XML values (Private, Shared, Public, Session).
        line.WriteString("Visibility", info.Visibility.ToString());
        line.WriteString("Created", info.Created.Lexical);
        line.WriteEndObject();
        line.WriteNumber("elapsedMs", elapsed);
    }
    catch (Exception error) // everything, to report what escaped: the suite fails on anything but the runtime's own
    {
        var elapsed = watch.Elapsed.TotalMilliseconds;
        line.WriteBoolean("ok", false);
        line.WriteBoolean("sdkError", error is SoapRuntimeException);
        line.WriteString("type", error.GetType().Name);
        line.WriteString("code", error is SoapRuntimeException sdk ? sdk.Code : "");
        line.WriteString("message", error.Message);
        line.WriteNumber("elapsedMs", elapsed);
    }
    line.WriteNumber("peakRssKb", PeakRssKb());
    line.WriteEndObject();
}
using (var stdout = Console.OpenStandardOutput())
{
    buffer.WriteTo(stdout);
    stdout.WriteByte((byte)'\n');
}
return 0;

// VmHWM of this process, in KiB; -1 where /proc is missing.
static long PeakRssKb()
{
    try
    {
        var match = Regex.Match(File.ReadAllText("/proc/self/status"), @"^VmHWM:\s+(\d+) kB", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }
    catch (IOException)
    {
        return -1;
    }
}
