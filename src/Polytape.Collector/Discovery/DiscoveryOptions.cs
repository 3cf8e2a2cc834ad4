using Polytape.Polymarket.Gamma;

namespace Polytape.Collector.Discovery;

/// <summary>
/// What to discover on Gamma and how hard to ask. A selection is the union of <see cref="Tags"/>,
/// <see cref="Series"/>, <see cref="Slugs"/>, <see cref="ConditionIds"/> and <see cref="RollingPatterns"/>, or
/// every open order-book market with <see cref="AllActive"/>. Defaults follow polymarket-protocol.md §5.6 and §6.
/// </summary>
public sealed record DiscoveryOptions
{
    /// <summary>Gamma's documented page cap (§6.2: keyset <c>limit</c> is 1–100).</summary>
    public const int MaxPageSize = 100;

    /// <summary>Gamma's /markets limit per 10 s (§5.6), the tightest group discovery uses in bulk.</summary>
    public const int DocumentedMarketsLimit = 300;

    public Uri GammaUri { get; init; } = new("https://gamma-api.polymarket.com/");

    /// <summary>Tag slugs ("crypto") or numeric tag ids ("21"): their open markets are selected.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Series slugs ("btc-up-or-down-15m") or numeric series ids: the markets of their open events.</summary>
    public IReadOnlyList<string> Series { get; init; } = [];

    /// <summary>Market slugs.</summary>
    public IReadOnlyList<string> Slugs { get; init; } = [];

    /// <summary>Condition ids (<c>0x</c> + 64 hex digits).</summary>
    public IReadOnlyList<string> ConditionIds { get; init; } = [];

    /// <summary>
    /// Rolling up/down series as <c>{coin}-updown-{5m|15m|1h|4h|daily}</c> (e.g. "btc-updown-5m"); the current window
    /// and the next <see cref="RollingWindowsAhead"/> are looked up by their computed slugs (see <see cref="RollingPattern"/>).
    /// </summary>
    public IReadOnlyList<string> RollingPatterns { get; init; } = [];

    /// <summary>Future windows subscribed before they open, so a rollover has no gap.</summary>
    public int RollingWindowsAhead { get; init; } = 2;

    /// <summary>Every open market with an order book (keyset walk of the whole universe). Must be set explicitly.</summary>
    public bool AllActive { get; init; }

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a market stays in the catalog after its end date when Gamma stops listing it: long enough to
    /// record the emptied book and <c>market_resolved</c>, which arrives 2–2.5 min after the end (§2.9).
    /// </summary>
    public TimeSpan ExpiryGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Hold a listed market back until Gamma says <c>acceptingOrders</c>: during the hydration window Gamma lists
    /// markets the CLOB does not serve yet (§5.5, §8.17). Markets without token ids are always held back.
    /// </summary>
    public bool WaitForAcceptingOrders { get; init; } = true;

    /// <summary>
    /// A held-back market still not ready after this long is reported (log, counter) but still checked on every
    /// refresh; one held back from a <c>new_market</c> notice that Gamma does not list by then is dropped.
    /// </summary>
    public TimeSpan HydrationTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Page size for list walks, 1–<see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = MaxPageSize;

    /// <summary>Client-side limit: requests per <see cref="RateLimitWindow"/> (Gamma /markets: 300 per 10 s).</summary>
    public int RequestsPerWindow { get; init; } = DocumentedMarketsLimit;

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt on 429, 5xx, timeouts and transport errors.</summary>
    public int RetryMaxAttempts { get; init; } = 6;

    /// <summary>First backoff; doubled each retry, jittered, capped at <see cref="RetryMaxDelay"/>. Retry-After wins when sent.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Per attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True when anything is selected.</summary>
    public bool HasSelection =>
        AllActive || Tags.Count > 0 || Series.Count > 0 || Slugs.Count > 0 || ConditionIds.Count > 0 || RollingPatterns.Count > 0;

    /// <summary>Every problem, each saying what to set; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!HasSelection)
        {
            problems.Add("Nothing is selected: set discovery tags, series, slugs, condition_ids or rolling_patterns, or set all_active: true to record every open order-book market.");
        }

        Blank(problems, "tags", Tags);
        Blank(problems, "series", Series);
        Blank(problems, "slugs", Slugs);
        foreach (var id in ConditionIds)
        {
            if (!IsConditionId(id))
            {
                problems.Add($"discovery.condition_ids: '{id}' is not a condition id; expected 0x followed by 64 hex digits.");
            }
        }

        foreach (var pattern in RollingPatterns)
        {
            if (!RollingPattern.TryParse(pattern, out _))
            {
                problems.Add($"discovery.rolling_patterns: '{pattern}' is not a rolling pattern; use {{coin}}-updown-{{5m|15m|1h|4h|daily}}, e.g. btc-updown-5m.");
            }
        }

        Range(problems, "rolling_windows_ahead", RollingWindowsAhead, 0, 1_000);
        Positive(problems, "refresh_interval", RefreshInterval);
        Positive(problems, "hydration_timeout", HydrationTimeout);
        if (ExpiryGrace < TimeSpan.Zero)
        {
            problems.Add($"discovery.expiry_grace ({ExpiryGrace}) must not be negative.");
        }

        problems.AddRange(ValidateClient());
        return problems;
    }

    /// <summary>The problems of the settings <see cref="GammaClient"/> uses (URI, paging, rate limit, retries), for a client without a selection.</summary>
    public IReadOnlyList<string> ValidateClient()
    {
        var problems = new List<string>();
        if (!GammaUri.IsAbsoluteUri || (GammaUri.Scheme != Uri.UriSchemeHttps && GammaUri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"discovery.gamma_uri '{GammaUri}' must be an absolute http(s) URL such as https://gamma-api.polymarket.com/.");
        }
        else if (!GammaUri.AbsolutePath.EndsWith('/'))
        {
            problems.Add($"discovery.gamma_uri '{GammaUri}' must end with '/' so endpoint paths resolve under it.");
        }

        Range(problems, "page_size", PageSize, 1, MaxPageSize);
        Range(problems, "requests_per_window", RequestsPerWindow, 1, 1_000_000);
        Range(problems, "retry_max_attempts", RetryMaxAttempts, 0, 100);
        Positive(problems, "rate_limit_window", RateLimitWindow);
        Positive(problems, "retry_base_delay", RetryBaseDelay);
        Positive(problems, "request_timeout", RequestTimeout);
        if (RetryMaxDelay < RetryBaseDelay)
        {
            problems.Add($"discovery.retry_max_delay ({RetryMaxDelay}) must not be below retry_base_delay ({RetryBaseDelay}).");
        }

        if (RateLimitWindow > TimeSpan.Zero && RequestsPerWindow / RateLimitWindow.TotalSeconds > DocumentedMarketsLimit / 10.0)
        {
            problems.Add($"discovery.requests_per_window {RequestsPerWindow} per {RateLimitWindow} exceeds Gamma's documented /markets limit ({DocumentedMarketsLimit} per 10 s); lower it to stay clear of 429s.");
        }

        return problems;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem from <see cref="Validate"/>.</summary>
    public void EnsureValid() => ThrowIfAny(Validate());

    internal static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid discovery options:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }
    }

    internal static bool IsConditionId(string id) =>
        id is { Length: 66 } && id.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && id.AsSpan(2).ContainsAnyExcept(HexDigits) is false;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private static void Blank(List<string> problems, string name, IReadOnlyList<string> values)
    {
        if (values.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"discovery.{name} contains an empty entry; remove it.");
        }
    }

    private static void Range(List<string> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"discovery.{name} is {value}; it must be between {min} and {max}.");
        }
    }

    private static void Positive(List<string> problems, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"discovery.{name} is {value}; it must be positive.");
        }
    }
}
