using System.Buffers;
using System.Text.Json;
using Polytape.Archive;

namespace Polytape.Collector.Subscriptions;

/// <summary>A change of one connection's subscription set, archived so a reader knows what each connection carried.</summary>
internal readonly record struct SubscriptionChange(string Connection, int Epoch, string Operation, IReadOnlyCollection<string> Assets)
{
    public const string EventType = "subscription";

    /// <summary>{"connection":..,"epoch":..,"op":"subscribe|unsubscribe|session","assets":[...]} (cold path).</summary>
    public ArchiveRecord ToRecord()
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (Assets.Count * 82));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("connection", Connection);
            json.WriteNumber("epoch", Epoch);
            json.WriteString("op", Operation);
            json.WriteStartArray("assets");
            foreach (var asset in Assets)
            {
                json.WriteStringValue(asset);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new ArchiveRecord
        {
            Kind = ArchiveRecordKind.Subscription,
            Connection = Connection,
            Epoch = Epoch,
            EventType = EventType,
            Payload = buffer.WrittenMemory,
        };
    }
}
