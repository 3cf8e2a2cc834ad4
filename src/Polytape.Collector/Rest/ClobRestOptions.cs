namespace Polytape.Collector.Rest;

/// <summary>How the CLOB REST client talks to the venue. Limits are the documented ones (protocol dossier §5.2, §5.6).</summary>
public sealed record ClobRestOptions
{
    public Uri BaseUri { get; init; } = new("https://clob.polymarket.com/");

    /// <summary>POST /books takes at most 500 ids; 501 gets 400 "Payload exceeds the limit".</summary>
    public int MaxIdsPerBooksRequest { get; init; } = 500;

    /// <summary>POST /books: 500 requests per 10 s.</summary>
    public int BooksRequestsPerWindow { get; init; } = 500;

    /// <summary>GET /book: 1,500 requests per 10 s.</summary>
    public int BookRequestsPerWindow { get; init; } = 1_500;

    /// <summary>The venue's limits are sliding windows of 10 s.</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a 429, a 5xx, a timeout or a connection failure (the first try is not counted).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First retry delay; doubles per attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per attempt: a 500-book response is a few MB.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public void Validate()
    {
        var problems = new List<string>();
        if (MaxIdsPerBooksRequest is < 1 or > 500)
        {
            problems.Add($"MaxIdsPerBooksRequest {MaxIdsPerBooksRequest} must lie between 1 and 500 (the venue's cap).");
        }

        if (BooksRequestsPerWindow < 1 || BookRequestsPerWindow < 1)
        {
            problems.Add("BooksRequestsPerWindow and BookRequestsPerWindow must be at least 1.");
        }

        if (RateWindow <= TimeSpan.Zero || RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay || RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("RateWindow, RetryBaseDelay and RequestTimeout must be positive, RetryMaxDelay at least RetryBaseDelay.");
        }

        if (MaxRetries is < 0 or > 20)
        {
            problems.Add($"MaxRetries {MaxRetries} must lie between 0 and 20.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CLOB REST options: " + string.Join(" ", problems));
        }
    }
}
