namespace Polytape.Stores.Model;

/// <summary>Where a snapshot came from.</summary>
public enum BookSource : byte
{
    /// <summary>A market-channel <c>book</c> event.</summary>
    WebSocket = 0,

    /// <summary>A REST <c>/book</c> or <c>/books</c> summary.</summary>
    Rest = 1,
}
