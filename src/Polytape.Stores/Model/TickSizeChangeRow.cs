using Polytape.Domain.Numerics;

namespace Polytape.Stores.Model;

/// <summary>One <c>tick_size_change</c>.</summary>
public readonly record struct TickSizeChangeRow(RowKey Key, string Market, string AssetId, Price OldTickSize, Price NewTickSize);
