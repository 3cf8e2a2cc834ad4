namespace Polytape.Stores.Loading;

/// <summary>
/// Which records an offline load takes: the contiguous run of records from the first received at or after
/// <see cref="Since"/> up to (not including) the first received at or after <see cref="Until"/>. Contiguous in
/// sequence, so replacing the run's sequence range never removes rows of records outside it.
/// </summary>
public sealed record LoadWindow
{
    public static LoadWindow All { get; } = new();

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Start after the store's position instead of at the beginning of the archive.</summary>
    public bool Resume { get; init; }
}
