using System.Net;
using System.Text;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;

namespace Polytape.Simulator.Tests.Rest;

/// <summary>The small seeded venue the REST and Gamma tests run against, and HTTP helpers for it.</summary>
internal static class TestVenue
{
    public static Task<PolymarketSimulator> StartAsync(TimeProvider? time = null, TimeSpan hydrationDelay = default) =>
        PolymarketSimulator.StartAsync(new SimulatorOptions
        {
            Port = 0,
            EventsPerSecond = 0,
            Time = time ?? TimeProvider.System,
            Universe = new UniverseOptions
            {
                Seed = 5,
                BinaryMarkets = 6,
                NegRiskEvents = 1,
                RollingCoins = ["btc"],
                Recurrences = [RollingRecurrence.FiveMinutes],
                HydrationDelay = hydrationDelay,
            },
        });

    public static HttpClient Clob(PolymarketSimulator sim) => new() { BaseAddress = sim.ClobUri, Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>Paths relative to it have no leading slash ("markets?…").</summary>
    public static HttpClient Gamma(PolymarketSimulator sim) => new() { BaseAddress = sim.GammaUri, Timeout = TimeSpan.FromSeconds(20) };

    public static async Task<(HttpStatusCode Status, byte[] Body)> FetchAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    public static async Task<(HttpStatusCode Status, byte[] Body)> PostJsonAsync(this HttpClient client, string path, byte[] json)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
