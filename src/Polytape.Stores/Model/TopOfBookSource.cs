namespace Polytape.Stores.Model;

/// <summary>The event a top-of-book row was taken from.</summary>
public enum TopOfBookSource : byte
{
    Book = 0,
    PriceChange = 1,
    BestBidAsk = 2,
}
