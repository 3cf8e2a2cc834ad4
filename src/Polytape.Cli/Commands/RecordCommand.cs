using System.CommandLine;
using Microsoft.Extensions.Logging;
using Polytape.Archive;
using Polytape.Collector.Configuration;
using Polytape.Collector.Recording;
using Polytape.Collector.Status;
using Polytape.Simulator.Hosting;
using Polytape.Simulator.Universe;

namespace Polytape.Cli.Commands;

/// <summary>
/// <c>polytape record</c>: the main job. Discovers markets, keeps every book verified, archives every frame. Ctrl-C or
/// SIGTERM stops reading, drains and seals the archive. <c>--simulate</c> records from an in-process simulator.
/// </summary>
public static class RecordCommand
{
    /// <summary>Configuration errors (fix the file, variables or flags).</summary>
    public const int ConfigurationError = 2;

    /// <summary>The recorder stopped on its own: the archive could not be written, or a component died.</summary>
    public const int RecordingFailed = 3;

    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "YAML configuration file (default: ./polytape.yaml when present; see polytape.example.yaml)." };
        var simulate = new Option<bool>("--simulate") { Description = "Record from a local simulated Polymarket started in-process (offline demo)." };
        var set = new Option<string[]>("--set") { Description = "Override one setting: --set websocket.max_assets_per_connection=300 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var archive = new Option<string?>("--archive") { Description = "Archive directory (archive.directory)." };
        var listen = new Option<string?>("--listen") { Description = "host:port for /metrics, /status, /health, /ready, or off (observability.listen)." };
        var markets = new Option<int>("--sim-markets") { Description = "With --simulate: standalone binary markets to simulate.", DefaultValueFactory = _ => 24 };
        var rate = new Option<double>("--sim-rate") { Description = "With --simulate: events per second across all markets.", DefaultValueFactory = _ => 200 };

        var command = new Command("record", "Discover markets, subscribe, keep verified books and archive every frame.")
        {
            config, simulate, set, archive, listen, markets, rate,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            var overrides = new List<ConfigOverride>();
            try
            {
                overrides.AddRange((parse.GetValue(set) ?? []).Select(ConfigOverride.Parse));
            }
            catch (FormatException bad)
            {
                await error.WriteLineAsync($"polytape record: {bad.Message}").ConfigureAwait(false);
                return ConfigurationError;
            }

            AddFlag(overrides, "archive.directory", parse.GetValue(archive));
            AddFlag(overrides, "observability.listen", parse.GetValue(listen));
            if (parse.GetValue(simulate))
            {
                overrides.Add(new ConfigOverride("simulate", "true"));
            }

            LoadedRecorderConfig loaded;
            try
            {
                loaded = RecorderConfigLoader.Load(new RecorderConfigSources
                {
                    ConfigPath = parse.GetValue(config),
                    WorkingDirectory = Environment.CurrentDirectory,
                    Environment = RecorderConfigSources.ProcessEnvironment(),
                    Overrides = overrides,
                });
            }
            catch (ConfigurationException problems)
            {
                await error.WriteLineAsync($"polytape record: the configuration needs fixing:{Environment.NewLine}{problems.Message}").ConfigureAwait(false);
                return ConfigurationError;
            }

            var settings = loaded.Config;
            await using var simulator = settings.Simulate
                ? await StartSimulatorAsync(settings, parse.GetValue(markets), parse.GetValue(rate), output, cancellationToken).ConfigureAwait(false)
                : null;
            using var loggers = LoggerFactory.Create(builder => builder.AddRecorderConsole(settings.Observability));
            return await RecordAsync(settings, loggers, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RecordAsync(RecorderConfig settings, ILoggerFactory loggers, TextWriter error, CancellationToken cancellationToken)
    {
        Recorder recorder;
        try
        {
            recorder = await Recorder.StartAsync(settings, new RecorderRuntime { LoggerFactory = loggers }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is ArchiveException or ConfigurationException or InvalidOperationException)
        {
            await error.WriteLineAsync($"polytape record: cannot start: {failure.Message}").ConfigureAwait(false);
            return failure is ConfigurationException ? ConfigurationError : RecordingFailed;
        }

        await using (recorder.ConfigureAwait(false))
        {
            // Ctrl-C / SIGTERM cancel the token; a fault (a full disk) completes Completion on its own.
            await Task.WhenAny(recorder.Completion, Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken)).ConfigureAwait(false);
            await recorder.StopAsync().ConfigureAwait(false);
            var status = recorder.GetStatus();
            await error.WriteLineAsync().ConfigureAwait(false);
            await error.WriteLineAsync($"polytape record: stopped; archive {settings.Archive.Directory} sealed through sequence {status.Archive.LastSequence ?? 0}").ConfigureAwait(false);
            if (recorder.Fault is { } fault)
            {
                await error.WriteLineAsync($"polytape record: stopped because {fault.Message}").ConfigureAwait(false);
                return RecordingFailed;
            }
        }

        return 0;
    }

    private static async Task<PolymarketSimulator> StartSimulatorAsync(RecorderConfig settings, int markets, double rate, TextWriter output, CancellationToken cancellationToken)
    {
        var simulator = await PolymarketSimulator.StartAsync(
            new SimulatorOptions { EventsPerSecond = rate, Universe = new UniverseOptions { BinaryMarkets = markets } }, cancellationToken).ConfigureAwait(false);
        settings.Discovery.GammaUrl = simulator.GammaUri;
        settings.WebSocket.Url = simulator.MarketWebSocketUri;
        settings.Rest.ClobUrl = simulator.ClobUri;
        await output.WriteLineAsync($"polytape record: simulating Polymarket at {simulator.ClobUri} ({rate} events/s)").ConfigureAwait(false);
        return simulator;
    }

    private static void AddFlag(List<ConfigOverride> overrides, string path, string? value)
    {
        if (value is not null)
        {
            overrides.Add(new ConfigOverride(path, value));
        }
    }
}
