using Polytape.Simulator.Engine;
using Polytape.Simulator.Universe;

namespace Polytape.Simulator.Hosting;

/// <summary>How to run a simulated Polymarket: where it listens, what it trades, how fast, and which faults it plays.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Loopback only: the simulator is a test double, never a public server.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; }

    public UniverseOptions Universe { get; init; } = new();

    public EngineOptions Engine { get; init; } = new();

    /// <summary>Market-channel events per second the engine aims for; 0 leaves stepping to the caller (tests).</summary>
    public double EventsPerSecond { get; init; } = 50;

    /// <summary>
    /// How often the engine catches up with <see cref="EventsPerSecond"/>: each tick publishes rate × tick events at
    /// once. 10 ms keeps an idle simulator cheap; the venue's own flow is spread smoother, which a 1 ms tick comes closer
    /// to (at 30k events/s: bursts of 30 events instead of 300).
    /// </summary>
    public TimeSpan EngineTick { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>A named fault scenario (see <see cref="Scenarios"/>); "healthy" plays none.</summary>
    public string Scenario { get; init; } = "healthy";

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
