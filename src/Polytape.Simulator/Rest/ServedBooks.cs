using System.Diagnostics.CodeAnalysis;
using Polytape.Polymarket.Rest;
using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Rest;

/// <summary>
/// The books REST serves: each token's true book, or, while <see cref="SimulatorFaults.GhostRestBook"/> is on, the
/// books as they were when the fault was first noticed (the first REST book read after it was switched on),
/// while the WebSocket moves on. Hydrating and resolved markets have no book (404).
/// </summary>
public sealed class ServedBooks(MarketEngine engine, SimulatorFaults faults)
{
    private readonly object _ghostGate = new();
    private Dictionary<string, PolymarketOrderBookSummary>? _ghost;

    public bool TryGet(string tokenId, [NotNullWhen(true)] out PolymarketOrderBookSummary? summary)
    {
        if (Ghost() is { } ghost)
        {
            return ghost.TryGetValue(tokenId, out summary);
        }

        lock (engine.Gate)
        {
            summary = engine.Universe.TryGetToken(tokenId, out var token) && BookPrices.HasBook(token.Market) ? TokenSummaries.ToWire(token) : null;
        }

        return summary is not null;
    }

    /// <summary>The books of the known, book-carrying tokens among <paramref name="tokenIds"/>; others are dropped.</summary>
    public List<PolymarketOrderBookSummary> GetMany(IReadOnlyCollection<string> tokenIds)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        var result = new List<PolymarketOrderBookSummary>(tokenIds.Count);
        if (Ghost() is { } ghost)
        {
            result.AddRange(tokenIds.Select(id => ghost.GetValueOrDefault(id)).OfType<PolymarketOrderBookSummary>());
            return result;
        }

        lock (engine.Gate)
        {
            foreach (var id in tokenIds)
            {
                if (engine.Universe.TryGetToken(id, out var token) && BookPrices.HasBook(token.Market))
                {
                    result.Add(TokenSummaries.ToWire(token));
                }
            }
        }

        return result;
    }

    private Dictionary<string, PolymarketOrderBookSummary>? Ghost()
    {
        lock (_ghostGate)
        {
            if (!faults.GhostRestBook)
            {
                _ghost = null;
                return null;
            }

            if (_ghost is null)
            {
                var captured = new Dictionary<string, PolymarketOrderBookSummary>(StringComparer.Ordinal);
                lock (engine.Gate)
                {
                    foreach (var market in engine.Universe.Markets.Where(BookPrices.HasBook))
                    {
                        captured[market.Yes.Id] = TokenSummaries.ToWire(market.Yes);
                        captured[market.No.Id] = TokenSummaries.ToWire(market.No);
                    }
                }

                _ghost = captured;
            }

            return _ghost;
        }
    }
}
