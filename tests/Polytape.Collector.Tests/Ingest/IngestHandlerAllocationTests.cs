using System.Text;

namespace Polytape.Collector.Tests.Ingest;

/// <summary>The per-frame path of the ingest loop (parse → ownership filter → keeper) allocates nothing once warm.</summary>
public sealed class IngestHandlerAllocationTests
{
    [Fact]
    public void PriceChanges_IncludingOnesFilteredByOwnership_AllocateNothing()
    {
        var rig = new HandlerRig();
        rig.Apply("c1", Frames.Book("61"));
        rig.Apply("c2", Frames.Book("62"));

        // Entries for 61 (owned by c1) and 62 (owned by c2) in one frame from c1: 62's entry is filtered out.
        var mixed = Encoding.UTF8.GetBytes(
            $$"""{"market":"{{Frames.Market}}","price_changes":[{"asset_id":"61","price":"0.41","size":"3","side":"BUY"},{"asset_id":"62","price":"0.42","size":"3","side":"BUY"}],"timestamp":"2000","event_type":"price_change"}""");
        var own = Encoding.UTF8.GetBytes(Frames.PriceChange("62", "0.43", "1"));
        Assert.Equal(0, WarmAllocation.BytesOf(warmups: 200, runs: 1000, () =>
        {
            rig.Apply("c1", mixed);
            rig.Apply("c2", own);
        }));
        Assert.Equal(1200, rig.Handler.ForeignEventsSkipped);
        Assert.Equal("price_change", rig.Handler.Label);
    }
}
