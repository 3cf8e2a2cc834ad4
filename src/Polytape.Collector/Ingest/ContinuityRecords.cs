using System.Buffers;
using System.Text.Json;
using Polytape.Collector.Feed;
using Polytape.Domain.Continuity;

namespace Polytape.Collector.Ingest;

/// <summary>
/// Writes the small JSON payloads of the records the ingest loop adds to the archive: continuity transitions and
/// session notes. One reused buffer: the archive copies a payload before its append returns.
/// </summary>
internal sealed class ContinuityRecords : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;

    public ContinuityRecords()
    {
        _json = new Utf8JsonWriter(_buffer);
    }

    /// <summary><c>{"asset":"…","from":"syncing","to":"live","cause":"snapshot","epoch":1,"exchange_ms":…,"recv_us":…}</c>.</summary>
    public ReadOnlyMemory<byte> Transition(in ContinuityTransition transition, long receivedAtMicros)
    {
        Start();
        _json.WriteStartObject();
        _json.WriteString("asset"u8, transition.AssetId.ToString());
        _json.WriteString("from"u8, IngestNames.Of(transition.From));
        _json.WriteString("to"u8, IngestNames.Of(transition.To));
        _json.WriteString("cause"u8, IngestNames.Of(transition.Cause));
        _json.WriteNumber("epoch"u8, transition.Epoch);
        _json.WriteNumber("exchange_ms"u8, transition.ExchangeTimestampMs);
        _json.WriteNumber("recv_us"u8, receivedAtMicros);
        _json.WriteEndObject();
        return Finish();
    }

    /// <summary><c>{"event":"session_started","epoch":2,"assets":[…]}</c>: the connection's subscription set.</summary>
    public ReadOnlyMemory<byte> SessionStarted(int epoch, IReadOnlyCollection<string> assetIds)
    {
        Start();
        _json.WriteStartObject();
        _json.WriteString("event"u8, "session_started"u8);
        _json.WriteNumber("epoch"u8, epoch);
        _json.WriteStartArray("assets"u8);
        foreach (var id in assetIds)
        {
            _json.WriteStringValue(id);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        return Finish();
    }

    /// <summary><c>{"event":"session_ended","epoch":2,"reason":"Stale","detail":"…","assets_blinded":N}</c>.</summary>
    public ReadOnlyMemory<byte> SessionEnded(int epoch, FeedDisconnectReason reason, string detail, int assetsBlinded)
    {
        Start();
        _json.WriteStartObject();
        _json.WriteString("event"u8, "session_ended"u8);
        _json.WriteNumber("epoch"u8, epoch);
        _json.WriteString("reason"u8, reason.ToString());
        _json.WriteString("detail"u8, detail);
        _json.WriteNumber("assets_blinded"u8, assetsBlinded);
        _json.WriteEndObject();
        return Finish();
    }

    public void Dispose() => _json.Dispose();

    private void Start()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
    }

    private ReadOnlyMemory<byte> Finish()
    {
        _json.Flush();
        return _buffer.WrittenMemory;
    }
}
