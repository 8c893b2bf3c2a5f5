// Each idiom of the C# SDK, printed as "name: value" lines the test compares. Arguments: the URLs of three
// `ecgrid-codegen mock` servers: a plain one, one started with --fault KeySet=FILE, one with --delay.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ECGrid.Soap.Runtime;
using ECGridOS.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

var (plain, faulting, slow) = (new Uri(args[0]), new Uri(args[1]), new Uri(args[2]));
void Show(string name, object? value) => Console.WriteLine($"{name}: {value}");

// Dependency injection: the endpoint bound from configuration, the container's logger factory used by the client.
var log = new ListLoggerProvider();
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["ECGridOSClient:Endpoint"] = plain.ToString(), ["ECGridOSClient:Timeout"] = "00:00:20" })
    .Build();
var services = new ServiceCollection();
services.AddLogging(builder => builder.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
services.AddECGridOSClient(configuration.GetSection("ECGridOSClient"));
using (var provider = services.BuildServiceProvider())
{
    var client = provider.GetRequiredService<IECGridOSClient>();
    Show("di endpoint", client.Endpoint);
    var key = await client.KeySetAsync("mock-session-secret-1", 77, KeyVisibility.Private);
    Show("di echo UserID", key.UserID);
    Show("model", key);
    Show("request model", new KeySet { SessionID = "mock-session-secret-1", UserID = 77, Visibility = KeyVisibility.Private });
    Show("created offset", key.Created.DateTimeOffset?.ToString() ?? "none");
    Show("created kind", key.Created.DateTime.Kind);
    // The client's own category (IHttpClientFactory logs under System.Net.Http.* too).
    var own = log.Entries.Where(e => e.Category == typeof(ECGridOSClient).FullName).ToList();
    Show("log levels", string.Join(",", own.Select(e => e.Level)));
    var info = own.Single(e => e.Level == LogLevel.Information).Message;
    Show("log info", info.Substring(0, info.IndexOf(" in ", StringComparison.Ordinal)));
    Show("log secret", log.Entries.Any(e => e.Message.Contains("mock-session-secret-1", StringComparison.Ordinal)));
    Show("log redacted", own.Any(e => e.Message.Contains("<SessionID>***</SessionID>", StringComparison.Ordinal)));
}

// Mocking: code that takes the interface runs on a fake.
var keys = new KeyReport(new FakeClient());
Show("fake", await keys.DescribeAsync());

// A fault from the mock (--fault KeySet=FILE): typed, the short SessionID redacted as a word only, the detail as plain values.
var shared = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
var faultClient = new ECGridOSClient(shared, new SoapClientOptions { Endpoint = faulting });
try
{
    await faultClient.KeySetAsync("s", 1, KeyVisibility.Shared);
    Show("fault", "none");
}
catch (SoapFaultException fault)
{
    Show("fault code", fault.FaultCode.Code);
    Show("fault reason", fault.Reason);
    var detail = (IReadOnlyDictionary<string, object?>)fault.DetailValue!;
    var error = (IReadOnlyDictionary<string, object?>)detail["Error"]!;
    Show("fault detail", $"{error["Code"]} {string.Join("|", ((IReadOnlyList<object?>)error["Field"]!).Cast<string>())}");
}

// The mock's --delay: the timeout that fires is the one reported.
using (var oneSecond = new HttpClient { Timeout = TimeSpan.FromSeconds(1) })
{
    var injected = new ECGridOSClient(oneSecond, new SoapClientOptions { Endpoint = slow });
    var timeout = await Catch<SoapTimeoutException>(() => injected.KeySetAsync("x", 1, KeyVisibility.Shared));
    Show("injected timeout", $"{timeout.Timeout.TotalMilliseconds} {timeout.Message.Substring(timeout.Message.IndexOf("timed out", StringComparison.Ordinal))}");
}
var mine = new ECGridOSClient(new SoapClientOptions { Endpoint = slow, Timeout = TimeSpan.FromMilliseconds(500) });
var ownTimeout = await Catch<SoapTimeoutException>(() => mine.KeySetAsync("x", 1, KeyVisibility.Shared));
Show("options timeout", ownTimeout.Message.Substring(ownTimeout.Message.IndexOf("timed out", StringComparison.Ordinal)));
using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
{
    var cancelled = await Catch<OperationCanceledException>(() => mine.KeySetAsync("x", 1, KeyVisibility.Shared, cancel.Token));
    Show("cancelled", cancelled.GetType().Name);
}
// A refused connection whose URL holds the SessionID: still a TransportException after redaction.
var refused = new ECGridOSClient(new SoapClientOptions { Endpoint = new Uri("http://127.0.0.1:9/secret-path-42/ECGridOS.asmx") });
var transport = await Catch<TransportException>(() => refused.KeySetAsync("secret-path-42", 1, KeyVisibility.Shared));
Show("transport", $"{transport.GetType().Name} {transport.Message.Contains("secret-path-42", StringComparison.Ordinal)} {transport.InnerException?.GetType().Name}");

static async Task<T> Catch<T>(Func<Task> call) where T : Exception
{
    try
    {
        await call();
    }
    catch (T error)
    {
        return error;
    }
    throw new InvalidOperationException($"no {typeof(T).Name}");
}

/// <summary>Code of the user's that depends on the interface.</summary>
sealed class KeyReport(IECGridOSClient ecgrid)
{
    public async Task<string> DescribeAsync() => (await ecgrid.KeySetAsync("sess", 5, KeyVisibility.Shared)).Key;
}

sealed class FakeClient : IECGridOSClient
{
    public Uri Endpoint => new("http://fake/");

    public SoapVersion SoapVersion => SoapVersion.Soap11;

    public Task<KeyIDInfo> KeySetAsync(string? sessionID, int userID, KeyVisibility visibility, CancellationToken cancellationToken = default) =>
        Task.FromResult(new KeyIDInfo { KeyID = 1, UserID = userID, Key = $"fake key for {userID}", Visibility = visibility, Created = XsdDateTime.Parse("2026-01-01T00:00:00Z") });
}

sealed class ListLoggerProvider : ILoggerProvider
{
    public List<(string Category, LogLevel Level, string Message)> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Entries) owner.Entries.Add((category, logLevel, formatter(state, exception)));
        }
    }
}
