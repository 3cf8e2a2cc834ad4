namespace Polytape.Polymarket.MarketChannel;

/// <summary>A frame that is valid JSON but not a valid market-channel event (cold path only).</summary>
public sealed class FrameFormatException : FormatException
{
    public FrameFormatException(string message)
        : base(message)
    {
    }

    public FrameFormatException()
    {
    }

    public FrameFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
