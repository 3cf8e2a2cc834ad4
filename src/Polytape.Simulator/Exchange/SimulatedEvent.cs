namespace Polytape.Simulator.Exchange;

/// <summary>A Gamma event: one market, or many markets sharing a neg-risk id, optionally in a series.</summary>
public sealed class SimulatedEvent
{
    public required string Id { get; init; }

    public required string Slug { get; init; }

    public required string Title { get; init; }

    public string? SeriesSlug { get; init; }

    public bool NegRisk { get; init; }

    public string? NegRiskMarketId { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public List<SimulatedMarket> Markets { get; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset EndDate { get; init; }
}
