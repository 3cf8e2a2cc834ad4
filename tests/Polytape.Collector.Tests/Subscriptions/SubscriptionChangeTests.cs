using System.Text;
using System.Text.Json;
using Polytape.Archive;
using Polytape.Collector.Subscriptions;

namespace Polytape.Collector.Tests.Subscriptions;

public sealed class SubscriptionChangeTests
{
    [Fact]
    public void ToRecord_IsASubscriptionRecordWithCompactJson()
    {
        var record = new SubscriptionChange("c7", 3, "subscribe", ["111", "222"]).ToRecord();

        Assert.Equal(ArchiveRecordKind.Subscription, record.Kind);
        Assert.Equal(("c7", 3, "subscription"), (record.Connection, record.Epoch, record.EventType));
        Assert.Equal("""{"connection":"c7","epoch":3,"op":"subscribe","assets":["111","222"]}""", Encoding.UTF8.GetString(record.Payload.Span));
    }

    [Fact]
    public void ToRecord_ManyAssets_StaysValidJson()
    {
        var ids = Enumerable.Range(0, 500).Select(i => new string('9', 70) + i).ToList();
        var record = new SubscriptionChange("c1", 1, "session", ids).ToRecord();
        using var json = JsonDocument.Parse(record.Payload);
        Assert.Equal(ids, json.RootElement.GetProperty("assets").EnumerateArray().Select(a => a.GetString()));
    }
}
