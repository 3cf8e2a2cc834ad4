namespace Polytape.Simulator.MarketChannel;

/// <summary>What a client's JSON frame asks for.</summary>
internal enum ClientRequestKind : byte
{
    /// <summary>The opening {"type":"market",…} frame (a second one is an INVALID OPERATION).</summary>
    Market = 0,

    Subscribe = 1,

    Unsubscribe = 2,
}
