namespace Polytape.Simulator.Exchange;

/// <summary>A Gamma series: a recurring event such as btc-up-or-down-5m.</summary>
public sealed class SimulatedSeries
{
    public required string Id { get; init; }

    public required string Slug { get; init; }

    public required string Title { get; init; }

    /// <summary>"5m", "15m", "1h", "4h", "daily".</summary>
    public required string Recurrence { get; init; }

    public List<SimulatedEvent> Events { get; } = [];
}
