namespace Polytape.Polymarket;

/// <summary>
/// A Polymarket payload did not have the shape its wire model expects. The message names the model and the
/// JSON position, so a captured body can be matched against the failing field.
/// </summary>
public sealed class PolymarketFormatException : FormatException
{
    public PolymarketFormatException()
    {
    }

    public PolymarketFormatException(string message)
        : base(message)
    {
    }

    public PolymarketFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PolymarketFormatException(string modelName, string message, Exception? innerException)
        : base(message, innerException)
    {
        ModelName = modelName;
    }

    /// <summary>The wire model that was being parsed, e.g. <c>PolymarketOrderBookSummary</c>.</summary>
    public string? ModelName { get; }
}
