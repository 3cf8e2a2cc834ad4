namespace Polytape.Polymarket.MarketChannel;

/// <summary>What a text frame from the market channel turned out to be.</summary>
public enum FrameKind : byte
{
    /// <summary>A JSON object or array of objects whose events were dispatched (possibly none: "[]").</summary>
    Events = 0,

    /// <summary>The literal reply to our text PING.</summary>
    Pong = 1,

    /// <summary>"INVALID OPERATION": the server rejected a frame we sent (e.g. a second type:"market").</summary>
    InvalidOperation = 2,

    /// <summary>"NO NEW ASSETS": a subscribe added nothing.</summary>
    NoNewAssets = 3,

    /// <summary>Any other non-JSON text. Archived and counted, never fatal.</summary>
    OtherText = 4,

    /// <summary>An empty or whitespace-only frame.</summary>
    Empty = 5,

    /// <summary>JSON that could not be read, or an event whose fields are invalid. Nothing was dispatched.</summary>
    Malformed = 6,
}
