using Polytape.Collector.Books;
using Polytape.Collector.Ingest;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>A parser, a book keeper and an ownership table wired into one <see cref="IngestHandler"/>, as the ingest loop holds them.</summary>
internal sealed class HandlerRig
{
    public HandlerRig(IAssetDeliveryObserver? deliveries = null)
    {
        Ownership = new AssetOwnership(Keeper);
        Handler = new IngestHandler(Keeper, Ownership) { Deliveries = deliveries };
    }

    public BookKeeper Keeper { get; } = new();

    public AssetOwnership Ownership { get; }

    public MarketFrameParser Parser { get; } = new();

    public IngestHandler Handler { get; }

    /// <summary>One frame from <paramref name="connection"/> through the parser into the handler (<see cref="HandlerFrames.Apply(MarketFrameParser, IngestHandler, string, byte[])"/>).</summary>
    public void Apply(string connection, byte[] frame) => HandlerFrames.Apply(Parser, Handler, connection, frame);

    public void Apply(string connection, string text) => HandlerFrames.Apply(Parser, Handler, connection, text);
}
