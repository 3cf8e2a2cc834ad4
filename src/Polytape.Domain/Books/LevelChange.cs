namespace Polytape.Domain.Books;

/// <summary>What setting a level did to a side of the book.</summary>
public enum LevelChange : byte
{
    /// <summary>Size 0 for a price that had no level.</summary>
    None = 0,
    Added = 1,
    Updated = 2,
    Removed = 3,
}
