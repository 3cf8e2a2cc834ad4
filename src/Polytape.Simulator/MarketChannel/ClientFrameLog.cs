using System.Text;

namespace Polytape.Simulator.MarketChannel;

/// <summary>
/// What a client sent, for tests and the admin API: a count, and the most recent frames as text (bounded in
/// number and length, so a chatty or hostile client cannot grow the simulator's memory).
/// </summary>
internal sealed class ClientFrameLog
{
    // 32 frames of up to 16 KiB (a 100-id subscribe is ~8 KiB): at most ~0.5 MiB per connection.
    private const int MaxFrames = 32;
    private const int MaxFrameChars = 16 * 1_024;

    private readonly Queue<string> _recent = new();
    private readonly object _gate = new();

    public long Count { get; private set; }

    public void Add(ReadOnlySpan<byte> frame)
    {
        var text = Encoding.UTF8.GetString(frame[..Math.Min(frame.Length, MaxFrameChars)]);
        lock (_gate)
        {
            Count++;
            _recent.Enqueue(text);
            if (_recent.Count > MaxFrames)
            {
                _recent.Dequeue();
            }
        }
    }

    public IReadOnlyList<string> Recent()
    {
        lock (_gate)
        {
            return [.. _recent];
        }
    }
}
