using System.CommandLine;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;

namespace Polytape.Cli.Commands;

/// <summary>
/// <c>polytape simulate</c>: a local Polymarket (Gamma, CLOB REST, the market channel) on 127.0.0.1 for demos,
/// benchmarks and offline recording. Runs until Ctrl-C.
/// </summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 8080 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same markets and order flow.", DefaultValueFactory = _ => 1 };
        var markets = new Option<int>("--markets") { Description = "Standalone binary markets (rolling crypto series and neg-risk events come on top).", DefaultValueFactory = _ => 12 };
        var rate = new Option<double>("--rate") { Description = "Market-channel events per second across all markets.", DefaultValueFactory = _ => 50 };
        var tick = new Option<double>("--tick-ms") { Description = "Engine tick in milliseconds: each tick publishes rate × tick events at once (smaller is smoother).", DefaultValueFactory = _ => 10 };
        var scenario = new Option<string>("--scenario") { Description = $"Fault scenario: {string.Join(", ", Scenarios.Names)}.", DefaultValueFactory = _ => "healthy" };
        port.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 65535) { r.AddError("--port must be between 0 and 65535."); } });
        markets.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 150_000) { r.AddError("--markets must be between 0 and 150000 (300,000 tokens)."); } });
        tick.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 1 or > 1000) { r.AddError("--tick-ms must be between 1 and 1000."); } });
        rate.Validators.Add(r => { if (r.GetValueOrDefault<double>() < 0) { r.AddError("--rate cannot be negative."); } });
        scenario.Validators.Add(r =>
        {
            var name = r.GetValueOrDefault<string>();
            if (name is null || !Scenarios.Exists(name))
            {
                r.AddError($"--scenario '{name}' is not known; use one of: {string.Join(", ", Scenarios.Names)}.");
            }
        });

        var command = new Command("simulate", "Run a local Polymarket (Gamma, CLOB REST and the WebSocket market channel) on 127.0.0.1.")
        {
            port, seed, markets, rate, tick, scenario,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var options = new SimulatorOptions
            {
                Port = parse.GetValue(port),
                EventsPerSecond = parse.GetValue(rate),
                EngineTick = TimeSpan.FromMilliseconds(parse.GetValue(tick)),
                Scenario = parse.GetValue(scenario)!,
                Universe = new UniverseOptions { Seed = parse.GetValue(seed), BinaryMarkets = parse.GetValue(markets) },
            };
            await using var simulator = await PolymarketSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
            int tokens;
            lock (simulator.Engine.Gate)
            {
                tokens = simulator.Engine.Universe.TokenCount;
            }

            await output.WriteLineAsync($"polytape simulate: {tokens} tokens, {options.EventsPerSecond} events/s, scenario '{options.Scenario}'").ConfigureAwait(false);
            await output.WriteLineAsync($"  CLOB REST  {simulator.ClobUri}").ConfigureAwait(false);
            await output.WriteLineAsync($"  Gamma      {simulator.GammaUri}").ConfigureAwait(false);
            await output.WriteLineAsync($"  WebSocket  {simulator.MarketWebSocketUri}").ConfigureAwait(false);
            await output.WriteLineAsync($"  admin      {simulator.AdminUri} (faults, scenario/NAME, truth/books/TOKEN, status)").ConfigureAwait(false);
            await output.WriteLineAsync("Ctrl-C stops.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: a normal exit.
            }

            return 0;
        });
        return command;
    }
}
