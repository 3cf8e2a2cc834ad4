namespace Polytape.Simulator.Rest;

/// <summary>
/// The endpoint groups Polymarket rate-limits separately (polymarket-protocol.md §5.6). Every CLOB group also
/// counts against <see cref="ClobGeneral"/> and every Gamma group against <see cref="GammaGeneral"/>.
/// </summary>
public enum RestEndpointGroup
{
    ClobGeneral = 0,
    ClobBook,
    ClobBooks,
    ClobPrice,
    ClobMidpoint,
    ClobPricesHistory,
    ClobTickSize,

    /// <summary><c>/ok</c>, limited on its own (100 / 10 s).</summary>
    Health,
    GammaGeneral,
    GammaMarkets,
    GammaEvents,
    GammaTags,
}
