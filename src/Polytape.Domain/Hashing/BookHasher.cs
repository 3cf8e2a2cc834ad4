using System.Buffers.Text;
using Polytape.Domain.Books;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Hashing;

/// <summary>
/// Computes Polymarket's order-book hash: SHA-1 over the compact JSON of the book summary with
/// "hash":"" in place, keys in the server's order, levels in wire order and decimals as the venue
/// wrote them (py-clob-client generate_orderbook_summary_hash). Owns one growable buffer, so a
/// hasher is used by one thread at a time and hashing allocates nothing once the buffer has grown.
/// </summary>
public sealed class BookHasher
{
    // A level serialises to at most {"price":"<24>","size":"<24>"}, plus a comma.
    private const int MaxLevelBytes = 80;

    // The fixed keys and values around the levels, besides the two ids.
    private const int MaxHeaderBytes = 256;

    private byte[] _buffer = new byte[4096];

    // ~60,000 hashes a second at 10× load: the digest skips OpenSSL's per-call EVP overhead where it can.
    private readonly Sha1Digest _sha1 = new();

    public BookHash Compute(in BookHashInput input, OrderBook book) =>
        Compute(input, book.Bids.WireOrder, book.Asks.WireOrder);

    public BookHash Compute(in BookHashInput input, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        var length = Serialize(input, bids, asks);
        Span<byte> digest = stackalloc byte[BookHash.ByteLength];
        _sha1.Hash(_buffer.AsSpan(0, length), digest);
        return BookHash.FromBytes(digest);
    }

    /// <summary>The exact bytes that are hashed (for tests and diagnostics).</summary>
    public string SerializeToString(in BookHashInput input, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        var length = Serialize(input, bids, asks);
        return System.Text.Encoding.UTF8.GetString(_buffer, 0, length);
    }

    private int Serialize(in BookHashInput input, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        var needed = MaxHeaderBytes + input.Market.Length + input.AssetId.Length + ((bids.Length + asks.Length) * MaxLevelBytes);
        if (_buffer.Length < needed)
        {
            _buffer = new byte[Math.Max(needed, _buffer.Length * 2)];
        }

        var b = _buffer.AsSpan();
        var p = 0;
        Put(b, ref p, "{\"market\":\""u8);
        Put(b, ref p, input.Market);
        Put(b, ref p, "\",\"asset_id\":\""u8);
        Put(b, ref p, input.AssetId);
        if (input.Format >= BookHashFormat.V2)
        {
            Put(b, ref p, "\",\"timestamp\":\""u8);
            if (input.TimestampMs >= 0)
            {
                Utf8Formatter.TryFormat(input.TimestampMs, b[p..], out var written);
                p += written;
            }
        }

        Put(b, ref p, "\",\"hash\":\"\",\"bids\":["u8);
        PutLevels(b, ref p, bids);
        Put(b, ref p, "],\"asks\":["u8);
        PutLevels(b, ref p, asks);
        Put(b, ref p, "]"u8);
        if (input.Format >= BookHashFormat.V3)
        {
            Put(b, ref p, ",\"min_order_size\":\""u8);
            p += input.MinOrderSize.FormatUtf8(b[p..]);
            Put(b, ref p, "\",\"tick_size\":\""u8);
            p += input.TickSize.FormatUtf8(b[p..]);
            Put(b, ref p, input.NegRisk ? "\",\"neg_risk\":true"u8 : "\",\"neg_risk\":false"u8);
        }

        if (input.Format >= BookHashFormat.V4)
        {
            Put(b, ref p, ",\"last_trade_price\":\""u8);
            p += input.LastTradePrice.FormatUtf8(b[p..]);
            Put(b, ref p, "\""u8);
        }

        Put(b, ref p, "}"u8);
        return p;
    }

    private static void PutLevels(Span<byte> b, ref int p, ReadOnlySpan<BookLevel> levels)
    {
        for (var i = 0; i < levels.Length; i++)
        {
            ref readonly var level = ref levels[i];
            Put(b, ref p, i == 0 ? "{\"price\":\""u8 : ",{\"price\":\""u8);
            p += PriceText.Write(level.PriceUnits, level.PriceDecimals, b[p..]);
            Put(b, ref p, "\",\"size\":\""u8);
            p += FixedPoint.FormatSizeExact(level.SizeUnits, level.SizeDecimals, b[p..]);
            Put(b, ref p, "\"}"u8);
        }
    }

    private static void Put(Span<byte> b, ref int p, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(b[p..]);
        p += bytes.Length;
    }
}
