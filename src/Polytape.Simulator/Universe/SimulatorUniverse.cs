using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Universe;

/// <summary>Every market, event, series and token the simulated venue knows, with lookups by id and slug.</summary>
public sealed class SimulatorUniverse
{
    private readonly Dictionary<string, SimulatedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedMarket> _marketsBySlug = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedMarket> _marketsByCondition = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedEvent> _eventsBySlug = new(StringComparer.Ordinal);
    private readonly List<SimulatedMarket> _markets = [];
    private readonly List<SimulatedEvent> _events = [];

    public IReadOnlyList<SimulatedMarket> Markets => _markets;

    public IReadOnlyList<SimulatedEvent> Events => _events;

    public List<SimulatedSeries> Series { get; } = [];

    public int TokenCount => _tokens.Count;

    public bool TryGetToken(string id, out SimulatedToken token) => _tokens.TryGetValue(id, out token!);

    public bool TryGetMarketBySlug(string slug, out SimulatedMarket market) => _marketsBySlug.TryGetValue(slug, out market!);

    public bool TryGetMarketByConditionId(string conditionId, out SimulatedMarket market) =>
        _marketsByCondition.TryGetValue(conditionId, out market!);

    public bool TryGetEventBySlug(string slug, out SimulatedEvent simulatedEvent) => _eventsBySlug.TryGetValue(slug, out simulatedEvent!);

    public void AddEvent(SimulatedEvent simulatedEvent)
    {
        _events.Add(simulatedEvent);
        _eventsBySlug[simulatedEvent.Slug] = simulatedEvent;
        foreach (var market in simulatedEvent.Markets)
        {
            _markets.Add(market);
            _marketsBySlug[market.Slug] = market;
            _marketsByCondition[market.ConditionId] = market;
            _tokens[market.Yes.Id] = market.Yes;
            _tokens[market.No.Id] = market.No;
        }
    }
}
