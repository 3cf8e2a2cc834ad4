using Polytape.Domain.Numerics;

namespace Polytape.Simulator.Exchange;

/// <summary>
/// A binary market: two outcome tokens whose books mirror each other (a bid at p on one is an ask at
/// 1 − p on the other), with the metadata Gamma and the CLOB serve about it.
/// </summary>
public sealed class SimulatedMarket
{
    public SimulatedMarket(string yesTokenId, string noTokenId, string yesOutcome = "Yes", string noOutcome = "No")
    {
        Yes = new SimulatedToken(yesTokenId, yesOutcome, this);
        No = new SimulatedToken(noTokenId, noOutcome, this);
    }

    public required string GammaId { get; init; }

    public required string ConditionId { get; init; }

    public byte[] ConditionIdUtf8 => _conditionIdUtf8 ??= System.Text.Encoding.UTF8.GetBytes(ConditionId);

    public required string QuestionId { get; init; }

    public required string Question { get; init; }

    public required string Slug { get; init; }

    public required SimulatedEvent Event { get; init; }

    public SimulatedToken Yes { get; }

    public SimulatedToken No { get; }

    public Price TickSize { get; internal set; } = Price.Parse("0.01");

    public Size MinOrderSize { get; init; } = Size.Parse("5");

    public bool NegRisk => Event.NegRisk;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the CLOB learns of the market; until then Gamma lists it but books 404.</summary>
    public DateTimeOffset AcceptingOrdersAt { get; init; }

    /// <summary>Window start of a rolling up/down market (eventStartTime); null otherwise.</summary>
    public DateTimeOffset? EventStartTime { get; init; }

    public DateTimeOffset EndDate { get; init; }

    public MarketStatus Status { get; internal set; }

    /// <summary>Shared by both tokens and hashed as written: the venue writes it with three decimals ("0.500").</summary>
    public Price LastTradePrice { get; internal set; } = Price.Empty;

    /// <summary>Relative activity: a few hot markets carry most of the flow.</summary>
    public double Activity { get; init; } = 1;

    /// <summary>Fair value of the Yes outcome, in price units; the order flow wanders around it.</summary>
    internal int FairUnits { get; set; } = 5_000;

    /// <summary>A crossing bid injected by a fault, withdrawn by the market's next mutation.</summary>
    internal Domain.Books.BookLevel? PendingUncross { get; set; }

    public SimulatedToken? Winner { get; internal set; }

    public DateTimeOffset? ResolvedAt { get; internal set; }

    private byte[]? _conditionIdUtf8;
}
