// The documentation page's C# example (../shared/seeds/KeySet.txt), moved from a dotnet-svcutil proxy to
// the generated ECGridOS.Client package (on the ECGrid.Soap.Runtime library): only the lines that create
// the client changed. The endpoint comes from the first argument (the tests point it at a local server).
using System;
using ECGrid.Soap.Runtime;
using ECGridOS.Client;

var endpoint = args.Length > 0 ? args[0] : "https://os.ecgrid.io/v4.1/prod/ECGridOS.asmx";
var sessionID = args.Length > 1 ? args[1] : "a3f1c2d4-7e8b-4c5a-9d0f-1b2c3d4e5f60";
var userId = 5001;
using var client = new ECGridOSClient(new SoapClientOptions { Endpoint = new Uri(endpoint) });

// .NET 10 — dotnet-svcutil generated proxy
// Create or update an API key with Shared visibility
var keyInfo = await client.KeySetAsync(sessionID, userId, KeyVisibility.Shared);
Console.WriteLine($"Key ID: {keyInfo.KeyID}");
Console.WriteLine($"Key: {keyInfo.Key}");
Console.WriteLine($"Visibility: {keyInfo.Visibility}");
Console.WriteLine($"Created: {keyInfo.Created:yyyy-MM-dd}");
