using System.Globalization;
using System.Text;

namespace Polytape.Simulator.Gamma;

/// <summary>
/// Keyset paging for <c>/markets/keyset</c> and <c>/events/keyset</c>: items in id order, the cursor an opaque
/// base64 of the last id served. The last page has no <c>next_cursor</c>. New items get higher ids, so a walk that
/// runs while windows are listed still sees every item once.
/// </summary>
public static class GammaKeyset
{
    public static string Encode(long id) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Null or empty means from the start (id 0).</summary>
    public static bool TryDecode(string? cursor, out long afterId)
    {
        afterId = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[32];
        return cursor.Length <= 44
            && Convert.TryFromBase64String(cursor, bytes, out var written)
            && long.TryParse(Encoding.ASCII.GetString(bytes[..written]), NumberStyles.None, CultureInfo.InvariantCulture, out afterId);
    }

    /// <summary>The next <paramref name="limit"/> items after <paramref name="afterId"/>, and the cursor of the rest (null at the end).</summary>
    public static (List<T> Page, string? NextCursor) Page<T>(IEnumerable<T> items, Func<T, long> id, long afterId, int limit)
    {
        ArgumentNullException.ThrowIfNull(id);
        var rest = items.Where(item => id(item) > afterId).OrderBy(id).ToList();
        var page = rest.Take(limit).ToList();
        return (page, rest.Count > page.Count ? Encode(id(page[^1])) : null);
    }

    /// <summary>The keyset endpoints' own rules: <c>limit</c> 1–100 and no <c>offset</c>.</summary>
    public static string? Validate(GammaQuery query, out long afterId)
    {
        ArgumentNullException.ThrowIfNull(query);
        afterId = 0;
        if (query.HasOffset)
        {
            return "offset is not supported by keyset pagination; use after_cursor";
        }

        if (query.RequestedLimit is < 1 or > GammaQuery.MaxLimit)
        {
            return $"limit must be between 1 and {GammaQuery.MaxLimit}";
        }

        return TryDecode(query.AfterCursor, out afterId) ? null : "after_cursor is not a cursor this API returned";
    }
}
