namespace Polytape.Simulator.Rest;

/// <summary>
/// Cloudflare-style throttling: a sliding 10-second window per endpoint group at the documented limits. Over the
/// limit a request is queued (delayed) until the window frees a permit; only when the queue is full is it refused
/// (429). The venue keys by client IP; the simulator listens on loopback only, so one window per group is the same.
/// Windows slide on a timer from the injected <see cref="TimeProvider"/>, so tests drive them with a manual clock
/// instead of waiting ten seconds.
/// </summary>
public sealed class RestRateLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    // One-second segments: a request leaves the window between 9 and 10 s after it was counted.
    private const int SegmentsPerWindow = 10;

    private readonly SlidingWindow[] _windows;
    private readonly ITimer _timer;

    public RestRateLimits(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var groups = Enum.GetValues<RestEndpointGroup>();
        _windows = new SlidingWindow[groups.Length];
        foreach (var group in groups)
        {
            _windows[(int)group] = new SlidingWindow(PermitLimit(group), QueueLimit(group), SegmentsPerWindow);
        }

        var segment = Window / SegmentsPerWindow;
        _timer = time.CreateTimer(_ => Slide(), null, segment, segment);
    }

    /// <summary>Requests per 10 s (§5.6, after the 2026-05-12 raise).</summary>
    public static int PermitLimit(RestEndpointGroup group) => group switch
    {
        RestEndpointGroup.ClobGeneral => 9_000,
        RestEndpointGroup.ClobBook => 1_500,
        RestEndpointGroup.ClobBooks => 500,
        RestEndpointGroup.ClobPrice => 1_500,
        RestEndpointGroup.ClobMidpoint => 1_500,
        RestEndpointGroup.ClobPricesHistory => 1_000,
        RestEndpointGroup.ClobTickSize => 200,
        RestEndpointGroup.Health => 100,
        RestEndpointGroup.GammaGeneral => 4_000,
        RestEndpointGroup.GammaMarkets => 300,
        RestEndpointGroup.GammaEvents => 500,
        RestEndpointGroup.GammaTags => 200,
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, "unknown endpoint group"),
    };

    /// <summary>
    /// Requests held back (delayed) beyond the limit before 429s start. Undocumented: a tenth of the limit keeps
    /// short bursts delayed while sustained overshoot is refused, as the docs describe.
    /// </summary>
    public static int QueueLimit(RestEndpointGroup group) => Math.Max(1, PermitLimit(group) / 10);

    /// <summary>The API-wide group a request also counts against (itself for the general groups and /ok).</summary>
    public static RestEndpointGroup GeneralOf(RestEndpointGroup group) => group switch
    {
        RestEndpointGroup.Health => RestEndpointGroup.Health,
        >= RestEndpointGroup.GammaGeneral => RestEndpointGroup.GammaGeneral,
        _ => RestEndpointGroup.ClobGeneral,
    };

    /// <summary>Waits for a permit of the group and of its API's general group; false when either refuses (429).</summary>
    public async ValueTask<bool> TryAcquireAsync(RestEndpointGroup group, CancellationToken cancellationToken = default)
    {
        if (!await AcquireAsync(group, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var general = GeneralOf(group);
        return general == group || await AcquireAsync(general, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _timer.Dispose();

    private ValueTask<bool> AcquireAsync(RestEndpointGroup group, CancellationToken cancellationToken) =>
        _windows[(int)group].AcquireAsync(cancellationToken);

    // Each tick slides every window by one segment and lets delayed requests through.
    private void Slide()
    {
        foreach (var window in _windows)
        {
            window.Slide();
        }
    }
}
