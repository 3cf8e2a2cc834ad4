namespace Polytape.Collector.Configuration;

/// <summary>The CLOB REST API, used to verify live books against the venue's own (protocol §5).</summary>
public sealed class RestConfig
{
    /// <summary>POST /books refuses more than 500 ids ("Payload exceeds the limit").</summary>
    public const int VenueMaxIdsPerBooksCall = 500;

    public Uri ClobUrl { get; set; } = new("https://clob.polymarket.com/");

    /// <summary>How often a sample of live books is fetched and compared; 0s turns sampling off.</summary>
    public TimeSpan VerifyInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Books compared per verification round.</summary>
    public int VerifySampleSize { get; set; } = 500;

    public int MaxIdsPerBooksCall { get; set; } = VenueMaxIdsPerBooksCall;
}
