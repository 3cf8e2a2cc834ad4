using Polytape.Simulator.Engine;
using Polytape.Simulator.Exchange;

namespace Polytape.Simulator.Rest;

/// <summary>
/// The source of <c>/prices-history</c>: once a simulated minute (a timer on the injected <see cref="TimeProvider"/>)
/// it samples every trading token's price (mid, else last trade) into a per-token ring. No frame sink is needed and
/// the engine is untouched; history starts when the simulator does. State is guarded by the engine's gate.
/// </summary>
public sealed class PriceHistoryRecorder : IDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(1);

    private readonly MarketEngine _engine;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, PriceRing> _rings = new(StringComparer.Ordinal);
    private readonly ITimer _timer;

    public PriceHistoryRecorder(MarketEngine engine, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(time);
        _engine = engine;
        _time = time;
        _timer = time.CreateTimer(_ => SampleAll(), null, SampleEvery, SampleEvery);
    }

    public static int MinuteOf(DateTimeOffset time) => (int)(time.ToUnixTimeSeconds() / 60);

    /// <summary>Samples every active token now.</summary>
    public void SampleAll()
    {
        lock (_engine.Gate)
        {
            var minute = MinuteOf(_time.GetUtcNow());
            foreach (var market in _engine.Universe.Markets)
            {
                if (market.Status == MarketStatus.Active)
                {
                    Record(market.Yes, minute);
                    Record(market.No, minute);
                }
            }
        }
    }

    /// <summary>Recorded points of a token in a minute range; call under the engine's gate.</summary>
    internal IEnumerable<(int Minute, int HalfUnits)> Between(string tokenId, int fromMinute, int toMinute) =>
        _rings.TryGetValue(tokenId, out var ring) ? ring.Between(fromMinute, toMinute) : [];

    public void Dispose() => _timer.Dispose();

    private void Record(SimulatedToken token, int minute)
    {
        if (!_rings.TryGetValue(token.Id, out var ring))
        {
            ring = new PriceRing();
            _rings[token.Id] = ring;
        }

        ring.Record(minute, BookPrices.ValueHalfUnits(token));
    }
}
