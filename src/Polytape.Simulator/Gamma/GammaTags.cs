using Polytape.Polymarket.Gamma;
using Polytape.Simulator.Rest;
using Polytape.Simulator.Universe;

namespace Polytape.Simulator.Gamma;

/// <summary>
/// Tag objects for the universe's tag labels. Ids are a stable hash of the label (the same label has the same id in
/// every run and process), in the range of the venue's small numeric string ids.
/// </summary>
public static class GammaTags
{
    // The universe has no tag history; one fixed date keeps responses reproducible.
    private const string Epoch = "2024-01-01T00:00:00Z";

    public static string IdOf(string label) =>
        (100_000 + (TokenIds.StableHash(label) % 900_000)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string SlugOf(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
#pragma warning disable CA1308 // Slugs are lower case by definition.
        return label.ToLowerInvariant().Replace(' ', '-');
#pragma warning restore CA1308
    }

    public static PolymarketGammaTag ToWire(string label) => new()
    {
        Id = IdOf(label),
        Label = label,
        Slug = SlugOf(label),
        ForceShow = false,
        CreatedAt = Epoch,
        UpdatedAt = Epoch,
    };

    /// <summary>Every label in use, ordered by id; call under the engine's gate.</summary>
    public static List<string> Labels(SimulatorUniverse universe)
    {
        ArgumentNullException.ThrowIfNull(universe);
        return universe.Events.SelectMany(e => e.Tags).Distinct(StringComparer.Ordinal).OrderBy(IdOf, StringComparer.Ordinal).ToList();
    }

    /// <summary>True when the labels include the tag named by id or slug (either may be null: no filter).</summary>
    public static bool Matches(IReadOnlyList<string> labels, string? tagId, string? tagSlug)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return (tagId is null || labels.Any(l => IdOf(l) == tagId)) && (tagSlug is null || labels.Any(l => SlugOf(l) == tagSlug));
    }
}
