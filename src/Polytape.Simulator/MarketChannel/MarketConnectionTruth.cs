namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// What the server did on one market-channel connection, to check a client against. <see cref="Sha256"/>
/// is the SHA-256 of the payloads of every frame sent, concatenated in order (snapshots, events and the
/// PONG / INVALID OPERATION / NO NEW ASSETS texts; close frames excluded). A frame counts once it is handed
/// to the socket, so a client that has received N frames finds at least N here; after a close frame the two
/// agree, after a drop (a TCP reset) the client may have lost the last few.
/// </summary>
public sealed record MarketConnectionTruth(
    long Id,
    string RemoteEndPoint,
    DateTimeOffset ConnectedAt,
    bool Open,
    int SubscribedTokens,
    long FramesSent,
    long BytesSent,
    string Sha256,
    string? CloseReason,
    long ClientFramesReceived,
    IReadOnlyList<string> RecentClientFrames);
