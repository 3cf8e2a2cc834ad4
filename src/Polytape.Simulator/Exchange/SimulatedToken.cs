using System.Text;
using Polytape.Domain.Books;
using Polytape.Domain.Hashing;

namespace Polytape.Simulator.Exchange;

/// <summary>One outcome token: its id, its exact book (the ground truth) and the hash the venue would publish.</summary>
public sealed class SimulatedToken
{
    public SimulatedToken(string id, string outcome, SimulatedMarket market)
    {
        Id = id;
        IdUtf8 = Encoding.UTF8.GetBytes(id);
        Outcome = outcome;
        Market = market;
        Book = new OrderBook(Domain.Identifiers.AssetId.Parse(id));
    }

    public string Id { get; }

    public byte[] IdUtf8 { get; }

    public string Outcome { get; }

    public SimulatedMarket Market { get; }

    /// <summary>The true book. Bids ascending, asks descending, as the venue sends and hashes them.</summary>
    public OrderBook Book { get; }

    /// <summary>The venue's hash of <see cref="Book"/> as of <see cref="LastChangeMs"/>.</summary>
    public BookHash Hash { get; internal set; }

    /// <summary>Time of the last book change (what REST /book and WS books report as timestamp).</summary>
    public long LastChangeMs { get; internal set; }

    /// <summary>The other outcome of a binary market: its book is this one's mirror image.</summary>
    public SimulatedToken Complement => ReferenceEquals(Market.Yes, this) ? Market.No : Market.Yes;
}
