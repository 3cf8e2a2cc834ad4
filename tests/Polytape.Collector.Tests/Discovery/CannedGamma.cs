using System.Net;
using System.Text;

namespace Polytape.Collector.Tests.Discovery;

/// <summary>
/// A Gamma that serves fixed <c>/markets/keyset</c> pages in order (cursor "p2", "p3", …), for shapes the simulator
/// never sends (malformed or closed markets on a given page). Bodies can be replaced between refreshes.
/// </summary>
internal sealed class CannedGamma : HttpMessageHandler
{
    public static readonly Uri BaseUri = new("http://gamma.test/");

    private readonly Lock _gate = new();
    private readonly List<string[]> _pages = [];

    /// <summary>The bodies served so far, in order, exactly as sent.</summary>
    public List<byte[]> Served { get; } = [];

    /// <summary>Sets the markets of every page (each a JSON object text); the next requests see them.</summary>
    public void SetPages(params string[][] pages)
    {
        lock (_gate)
        {
            _pages.Clear();
            _pages.AddRange(pages);
        }
    }

    /// <summary>A well-formed open market with an order book, two tokens and a long description; <paramref name="fields"/> replaces or adds keys.</summary>
    public static string Market(int n, string fields = "")
    {
        var extra = fields.Length == 0 ? string.Empty : "," + fields;
        var description = new string('d', 2_000);
        return $$"""
            {"id":"{{n}}","question":"Will {{n}} happen?","conditionId":"0x{{n:x64}}","slug":"market-{{n}}","description":"{{description}}","endDate":"2027-01-01T00:00:00Z","active":true,"closed":false,"archived":false,"enableOrderBook":true,"acceptingOrders":true,"clobTokenIds":"[\"{{n}}01\", \"{{n}}02\"]","outcomes":"[\"Yes\", \"No\"]","orderPriceMinTickSize":0.01,"orderMinSize":5,"negRisk":false,"events":[{"id":"{{n}}","title":"Event {{n}}"}]{{extra}}}
            """;
    }

    public static string ConditionId(int n) => $"0x{n:x64}";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri!.Query;
        var marker = query.IndexOf("after_cursor=p", StringComparison.Ordinal);
        var index = marker < 0 ? 0 : int.Parse(query.AsSpan(marker + "after_cursor=p".Length), System.Globalization.CultureInfo.InvariantCulture) - 1;
        byte[] body;
        lock (_gate)
        {
            var next = index + 1 < _pages.Count ? $"\"p{index + 2}\"" : "null";
            body = Encoding.UTF8.GetBytes($$"""{"markets":[{{string.Join(',', _pages[index])}}],"next_cursor":{{next}}}""");
            Served.Add(body);
        }

        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}
