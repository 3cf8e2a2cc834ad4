namespace Polytape.Simulator.Universe;

/// <summary>The shape of a simulated universe. Seeded: the same options and seed give the same venue.</summary>
public sealed record UniverseOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Standalone binary markets (politics, sports, …).</summary>
    public int BinaryMarkets { get; init; } = 12;

    /// <summary>Neg-risk multi-outcome events, each with 3–6 binary markets sharing a neg-risk id.</summary>
    public int NegRiskEvents { get; init; } = 2;

    /// <summary>Coins with rolling up/down series ("btc", "eth", …).</summary>
    public IReadOnlyList<string> RollingCoins { get; init; } = ["btc", "eth", "sol"];

    /// <summary>Rolling recurrences to run for each coin.</summary>
    public IReadOnlyList<RollingRecurrence> Recurrences { get; init; } =
        [RollingRecurrence.FiveMinutes, RollingRecurrence.FifteenMinutes, RollingRecurrence.OneHour, RollingRecurrence.FourHours, RollingRecurrence.Daily];

    /// <summary>Future windows listed ahead of the current one for each rolling series (the venue lists a day ahead).</summary>
    public int WindowsAhead { get; init; } = 2;

    /// <summary>How long a new market is listed by Gamma before the CLOB serves it (hydration lag).</summary>
    public TimeSpan HydrationDelay { get; init; } = TimeSpan.Zero;
}
