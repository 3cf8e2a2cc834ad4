using System.Text;
using Polytape.Collector.Feed;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>Hand-made market-channel frames in frame buffers, as a feed connection delivers them.</summary>
internal static class Frames
{
    public const string Market = "0xaaaa";

    public static ReceivedFrame Of(string text, string connection = "c1", int epoch = 1, long sequence = 1, long receivedAtMicros = 1_000_000)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var buffer = FrameBuffers.Rent(bytes.Length);
        bytes.CopyTo(buffer, 0);
        return new ReceivedFrame(connection, epoch, sequence, receivedAtMicros, buffer, bytes.Length);
    }

    /// <summary>A book without hash: it goes Live without hash checks.</summary>
    public static string Book(string asset, string bid = "0.40", string ask = "0.60", long timestamp = 1000) =>
        $$"""{"market":"{{Market}}","asset_id":"{{asset}}","timestamp":"{{timestamp}}","bids":[{"price":"{{bid}}","size":"10"}],"asks":[{"price":"{{ask}}","size":"10"}],"event_type":"book"}""";

    public static string PriceChange(string asset, string price, string size, string side = "BUY", long timestamp = 2000) =>
        $$"""{"market":"{{Market}}","price_changes":[{"asset_id":"{{asset}}","price":"{{price}}","size":"{{size}}","side":"{{side}}"}],"timestamp":"{{timestamp}}","event_type":"price_change"}""";

    /// <summary>One price_change with an entry for each asset (a bid at the same price and size for each).</summary>
    public static string PriceChangeOfEach(string[] assets, string price, string size, long timestamp = 2000) =>
        $$"""{"market":"{{Market}}","price_changes":[{{string.Join(",", assets.Select(asset => $$"""{"asset_id":"{{asset}}","price":"{{price}}","size":"{{size}}","side":"BUY"}"""))}}],"timestamp":"{{timestamp}}","event_type":"price_change"}""";
}
