namespace Polytape.Domain.Books;

/// <summary>Book side. The venue's "BUY" is a bid level, "SELL" an ask level.</summary>
public enum Side : byte
{
    Bid = 0,
    Ask = 1,
}
