using System.Text;
using Polytape.Collector.Ingest;
using Polytape.Polymarket.MarketChannel;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>Feeds one frame through the parser into an <see cref="IngestHandler"/>, as the ingest loop does.</summary>
internal static class HandlerFrames
{
    public static void Apply(MarketFrameParser parser, IngestHandler handler, string connection, string text) =>
        Apply(parser, handler, connection, Encoding.UTF8.GetBytes(text));

    public static void Apply(MarketFrameParser parser, IngestHandler handler, string connection, byte[] frame)
    {
        handler.Begin(connection, 1, frame, frame.Length);
        if (parser.Parse(frame, handler).Kind != FrameKind.Events)
        {
            throw new InvalidOperationException("the test frame did not parse"); // no Assert here: it allocates
        }
    }
}
