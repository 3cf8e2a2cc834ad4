using System.Diagnostics.CodeAnalysis;
using Polytape.Domain.Identifiers;

namespace Polytape.Simulator.Rest;

/// <summary>Token ids are uint256 in decimal; anything else is the venue's 400 "Invalid token id".</summary>
internal static class TokenIds
{
    public static bool IsWellFormed([NotNullWhen(true)] string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > AssetId.MaxDigits)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>FNV-1a: a stable scramble (string.GetHashCode changes per process).</summary>
    public static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
