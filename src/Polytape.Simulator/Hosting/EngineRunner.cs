using Microsoft.Extensions.Hosting;
using Polytape.Simulator.Engine;

namespace Polytape.Simulator.Hosting;

/// <summary>
/// Drives the engine at a target event rate: every tick it steps until the events published catch up with
/// rate × elapsed time, and once a second it advances market lifecycles. Time comes from the TimeProvider.
/// </summary>
internal sealed class EngineRunner(MarketEngine engine, SimulatorOptions options) : BackgroundService
{
    // Bound one tick's catch-up so a stalled process does not emit a huge burst when it resumes.
    private const int MaxMutationsPerTick = 50_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var time = options.Time;
        var started = time.GetTimestamp();
        long startEvents;
        lock (engine.Gate)
        {
            startEvents = engine.EventsPublished;
        }

        var lastLifecycle = started;
        using var timer = new PeriodicTimer(options.EngineTick, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = time.GetTimestamp();
                lock (engine.Gate)
                {
                    if (time.GetElapsedTime(lastLifecycle, now) >= TimeSpan.FromSeconds(1))
                    {
                        engine.AdvanceLifecycle();
                        lastLifecycle = now;
                    }

                    if (options.EventsPerSecond > 0)
                    {
                        var due = startEvents + (long)(options.EventsPerSecond * time.GetElapsedTime(started, now).TotalSeconds);
                        for (var done = 0; engine.EventsPublished < due && done < MaxMutationsPerTick; done += 16)
                        {
                            engine.Step(16);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }
}
