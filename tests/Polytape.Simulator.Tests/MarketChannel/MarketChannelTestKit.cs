using System.Text.Json;
using Polytape.Simulator.Exchange;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;

namespace Polytape.Simulator.Tests.MarketChannel;

/// <summary>Starts a small simulator that the test steps itself, and writes the client frames.</summary>
internal static class MarketChannelTestKit
{
    public static UniverseOptions Universe { get; } = new()
    {
        Seed = 3,
        BinaryMarkets = 4,
        NegRiskEvents = 1,
        RollingCoins = ["btc"],
        Recurrences = [RollingRecurrence.FiveMinutes],
    };

    public static Task<PolymarketSimulator> StartAsync(TimeProvider? time = null) =>
        PolymarketSimulator.StartAsync(new SimulatorOptions
        {
            Port = 0,
            EventsPerSecond = 0,
            Universe = Universe,
            Time = time ?? TimeProvider.System,
        });

    /// <summary>Active markets that are not rolling windows, so none ends during a test.</summary>
    public static List<SimulatedMarket> StandingMarkets(PolymarketSimulator sim)
    {
        lock (sim.Engine.Gate)
        {
            return sim.Engine.Universe.Markets.Where(m => m.Status == MarketStatus.Active && m.EventStartTime is null).ToList();
        }
    }

    public static List<string> TokenIds(IEnumerable<SimulatedMarket> markets) =>
        markets.SelectMany(m => new[] { m.Yes.Id, m.No.Id }).ToList();

    /// <summary>Changes these markets' books (orders, trades, tick changes) on the engine's thread rules.</summary>
    public static void Mutate(PolymarketSimulator sim, int times, params SimulatedMarket[] markets)
    {
        lock (sim.Engine.Gate)
        {
            for (var i = 0; i < times; i++)
            {
                foreach (var market in markets)
                {
                    sim.Engine.Mutate(market);
                }
            }
        }
    }

    public static void Step(PolymarketSimulator sim, int mutations)
    {
        lock (sim.Engine.Gate)
        {
            sim.Engine.Step(mutations);
        }
    }

    public static string Opening(IEnumerable<string> ids, bool custom = false, bool? initialDump = null, string type = "market") =>
        Write(json =>
        {
            json.WriteStartArray("assets_ids");
            foreach (var id in ids)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteString("type", type);
            if (initialDump is { } dump)
            {
                json.WriteBoolean("initial_dump", dump);
            }

            json.WriteNumber("level", 2);
            json.WriteBoolean("custom_feature_enabled", custom);
        });

    public static string Operation(string operation, IEnumerable<string> ids) =>
        Write(json =>
        {
            json.WriteString("operation", operation);
            json.WriteStartArray("assets_ids");
            foreach (var id in ids)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
        });

    private static string Write(Action<Utf8JsonWriter> members)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
