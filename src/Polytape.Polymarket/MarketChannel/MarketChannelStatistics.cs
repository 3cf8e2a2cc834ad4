namespace Polytape.Polymarket.MarketChannel;

/// <summary>What a parser has seen: frames by kind, events by type, schema drift. Single-threaded, like its parser.</summary>
public sealed class MarketChannelStatistics
{
    private readonly long[] _frames = new long[Enum.GetValues<FrameKind>().Length];
    private readonly long[] _events = new long[Enum.GetValues<MarketEventType>().Length];

    public SchemaDrift Drift { get; } = new();

    public long Frames { get; private set; }

    public long FramesOf(FrameKind kind) => _frames[(int)kind];

    public long EventsOf(MarketEventType type) => _events[(int)type];

    internal void CountFrame(FrameKind kind)
    {
        Frames++;
        _frames[(int)kind]++;
    }

    internal void CountEvent(MarketEventType type) => _events[(int)type]++;
}
