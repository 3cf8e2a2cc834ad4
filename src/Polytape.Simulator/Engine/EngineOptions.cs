using Polytape.Simulator.Wire;

namespace Polytape.Simulator.Engine;

/// <summary>How the simulated venue trades. Defaults give a realistic mix; tests and load runs change them.</summary>
public sealed record EngineOptions
{
    /// <summary>Share of mutations that are trades (the rest place or cancel orders).</summary>
    public double TradeProbability { get; init; } = 0.12;

    /// <summary>market_resolved follows the end of a market by about 2–2.5 minutes live.</summary>
    public TimeSpan ResolveDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Levels per side in a fresh book; books drift between a few and about twice this.</summary>
    public int InitialLevelsPerSide { get; init; } = 12;

    public EmptySideStyle EmptySides { get; init; } = EmptySideStyle.Bounds;
}
