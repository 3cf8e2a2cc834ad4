using Polytape.Polymarket.MarketChannel;

namespace Polytape.Simulator.Tests.MarketChannel;

/// <summary>One event (or one price_change entry) a client received, by type and asset.</summary>
internal readonly record struct RecordedEvent(MarketEventType Type, string AssetId);
