using System.Diagnostics;
using System.Globalization;
using System.Text;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// End-to-end: the simulator at a target rate on loopback, read by fast raw WebSocket readers subscribed to
/// every token (a raw, bulk-reading WebSocket reader: the fast reader issue 3 asks for). Reports the events/s that actually arrived, the simulator process's CPU, and frames lost to
/// slow-consumer closes (none expected). Usage: simulator-throughput [rate] [seconds] [markets] [readers]
/// </summary>
public static class SimulatorThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var markets = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        var readers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;

        await using var simulator = await PolymarketSimulator.StartAsync(new SimulatorOptions
        {
            Port = 0,
            EventsPerSecond = rate,
            Universe = new UniverseOptions { Seed = 1, BinaryMarkets = markets, NegRiskEvents = 0, RollingCoins = [] },
        });
        string[] tokens;
        lock (simulator.Engine.Gate)
        {
            tokens = simulator.Engine.Universe.Markets.SelectMany(m => new[] { m.Yes.Id, m.No.Id }).ToArray();
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 2));
        var counts = new long[readers];
        var tasks = Enumerable.Range(0, readers).Select(i => ReadAsync(simulator.MarketWebSocketUri, tokens, counts, i, stop.Token)).ToArray();

        // Measure a steady window after a warm-up second.
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System).ConfigureAwait(false);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var receivedBefore = counts.Sum();
        long publishedBefore;
        lock (simulator.Engine.Gate)
        {
            publishedBefore = simulator.Engine.EventsPublished;
        }

        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds), TimeProvider.System).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var received = counts.Sum() - receivedBefore;
        long published;
        lock (simulator.Engine.Gate)
        {
            published = simulator.Engine.EventsPublished - publishedBefore;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(tasks).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target {rate:N0} events/s, {tokens.Length} tokens, {readers} reader(s), {elapsed:F1} s: published {published / elapsed:N0}/s, received {received / elapsed / readers:N0} frames/s per reader, CPU {cpu / elapsed * 100:F0}% of one core (simulator and readers)"));
        return 0;
    }

    private static async Task ReadAsync(Uri uri, string[] tokens, long[] counts, int index, CancellationToken cancellationToken)
    {
        await using var reader = new RawWebSocketReader();
        await reader.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        var first = tokens.Take(100).ToArray();
        await reader.SendTextAsync($"{{\"assets_ids\":[{string.Join(",", first.Select(t => $"\"{t}\""))}],\"type\":\"market\",\"initial_dump\":true,\"custom_feature_enabled\":true}}", cancellationToken).ConfigureAwait(false);
        foreach (var chunk in tokens.Skip(100).Chunk(100))
        {
            await reader.SendTextAsync($"{{\"operation\":\"subscribe\",\"assets_ids\":[{string.Join(",", chunk.Select(t => $"\"{t}\""))}]}}", cancellationToken).ConfigureAwait(false);
        }

        var reading = reader.ReadAsync(cancellationToken);
        while (!reading.IsCompleted)
        {
            counts[index] = reader.Frames;
            await Task.WhenAny(reading, Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken)).ConfigureAwait(false);
        }

        counts[index] = reader.Frames;
        if (reader.CloseReason is { } reason && !cancellationToken.IsCancellationRequested)
        {
            Console.WriteLine($"reader {index}: {reason}");
        }
    }
}
