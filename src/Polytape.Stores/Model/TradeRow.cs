using Polytape.Domain.Books;
using Polytape.Domain.Numerics;

namespace Polytape.Stores.Model;

/// <summary>One <c>last_trade_price</c> fill. Fee is -1 when absent; the transaction hash may be null.</summary>
public readonly record struct TradeRow(
    RowKey Key,
    string Market,
    string AssetId,
    Price Price,
    Size Size,
    Side TakerSide,
    int FeeRateBps,
    string? TransactionHash);
