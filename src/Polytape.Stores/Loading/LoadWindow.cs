namespace Polytape.Stores.Loading;

/// <summary>
/// Which records an offline load takes: the contiguous run of records from the first received at or after
/// <see cref="Since"/> up to (not including) the first received at or after <see cref="Until"/>. Contiguous in
/// sequence, so replacing the run's sequence range never removes rows of records outside it. The store's position
/// becomes the highest sequence loaded, so a window that starts beyond the position leaves a gap that
/// <see cref="Resume"/> will not revisit: load the gap with its own window (or everything without a window).
/// </summary>
public sealed record LoadWindow
{
    public static LoadWindow All { get; } = new();

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Start after the store's position instead of at the beginning of the archive.</summary>
    public bool Resume { get; init; }
}
