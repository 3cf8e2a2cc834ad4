using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Polytape.Simulator.Gamma;

/// <summary>
/// The list filters Gamma accepts (§6.2). Array parameters come as repeated keys (<c>?slug=a&amp;slug=b</c>; the
/// <c>slug[]</c> spelling is read too). <c>order</c> takes comma-separated camelCase fields; snake_case or unknown
/// fields are ignored, as live. A malformed value is the venue's 422.
/// </summary>
public sealed class GammaQuery
{
    // §6.2: offset > 2000 gives 422 (live, Oct 2026).
    public const int MaxOffset = 2_000;

    // §6.2: limits reported capped at 100 on list endpoints; keyset documents 1–100, default 20.
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    public int Limit { get; private init; } = DefaultLimit;

    /// <summary>The <c>limit</c> as sent, before the cap.</summary>
    public int? RequestedLimit { get; private init; }

    public int Offset { get; private init; }

    public bool HasOffset { get; private init; }

    public bool? Closed { get; private init; }

    public bool? Active { get; private init; }

    public bool? Archived { get; private init; }

    public bool IncludeTag { get; private init; }

    public bool ExcludeEvents { get; private init; }

    public IReadOnlySet<string> Ids { get; private init; } = Empty;

    public IReadOnlySet<string> Slugs { get; private init; } = Empty;

    public IReadOnlySet<string> ClobTokenIds { get; private init; } = Empty;

    public IReadOnlySet<string> ConditionIds { get; private init; } = Empty;

    public string? TagId { get; private init; }

    public string? TagSlug { get; private init; }

    public string? SeriesSlug { get; private init; }

    public string? Recurrence { get; private init; }

    public IReadOnlyList<string> Order { get; private init; } = [];

    /// <summary>Undocumented default; true (the id order of an unordered list).</summary>
    public bool Ascending { get; private init; } = true;

    public DateTimeOffset? StartDateMin { get; private init; }

    public DateTimeOffset? StartDateMax { get; private init; }

    public DateTimeOffset? EndDateMin { get; private init; }

    public DateTimeOffset? EndDateMax { get; private init; }

    public string? AfterCursor { get; private init; }

    private static readonly IReadOnlySet<string> Empty = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Parses the query; returns the error to answer with 422, or null.</summary>
    public static string? TryParse(IQueryCollection query, out GammaQuery parsed)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? error = null;
        var limit = Integer(query, "limit", ref error);
        var offset = Integer(query, "offset", ref error);
        if (offset > MaxOffset)
        {
            error ??= $"offset must not exceed {MaxOffset}; page further with /markets/keyset or /events/keyset";
        }

        if (limit < 0 || offset < 0)
        {
            error ??= "limit and offset must not be negative";
        }

        parsed = new GammaQuery
        {
            Limit = Math.Clamp(limit ?? DefaultLimit, 0, MaxLimit),
            RequestedLimit = limit,
            Offset = offset ?? 0,
            HasOffset = query.ContainsKey("offset"),
            Closed = Boolean(query, "closed", ref error),
            Active = Boolean(query, "active", ref error),
            Archived = Boolean(query, "archived", ref error),
            IncludeTag = Boolean(query, "include_tag", ref error) ?? false,
            ExcludeEvents = Boolean(query, "exclude_events", ref error) ?? false,
            Ids = Set(query, "id"),
            Slugs = Set(query, "slug"),
            ClobTokenIds = Set(query, "clob_token_ids"),
            ConditionIds = Set(query, "condition_ids"),
            TagId = Single(query, "tag_id"),
            TagSlug = Single(query, "tag_slug"),
            SeriesSlug = Single(query, "series_slug"),
            Recurrence = Single(query, "recurrence"),
            Order = Single(query, "order") is { } order ? order.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [],
            Ascending = Boolean(query, "ascending", ref error) ?? true,
            StartDateMin = Date(query, "start_date_min", ref error),
            StartDateMax = Date(query, "start_date_max", ref error),
            EndDateMin = Date(query, "end_date_min", ref error),
            EndDateMax = Date(query, "end_date_max", ref error),
            AfterCursor = Single(query, "after_cursor"),
        };
        return error;
    }

    private static string? Single(IQueryCollection query, string key)
    {
        var value = query[key].ToString();
        return value.Length == 0 ? null : value;
    }

    private static HashSet<string> Set(IQueryCollection query, string key)
    {
        var values = StringValues.Concat(query[key], query[key + "[]"]);
        return values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToHashSet(StringComparer.Ordinal);
    }

    private static int? Integer(IQueryCollection query, string key, ref string? error)
    {
        if (Single(query, key) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        error ??= $"'{key}' must be an integer, not '{text}'";
        return null;
    }

    private static bool? Boolean(IQueryCollection query, string key, ref string? error)
    {
        if (Single(query, key) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        error ??= $"'{key}' must be true or false, not '{text}'";
        return null;
    }

    private static DateTimeOffset? Date(IQueryCollection query, string key, ref string? error)
    {
        if (Single(query, key) is not { } text)
        {
            return null;
        }

        if (GammaDates.TryParse(text, out var value))
        {
            return value;
        }

        error ??= $"'{key}' must be an ISO 8601 date-time, not '{text}'";
        return null;
    }
}
