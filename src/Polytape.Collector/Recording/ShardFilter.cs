using System.Security.Cryptography;
using System.Text;
using Polytape.Collector.Configuration;

namespace Polytape.Collector.Recording;

/// <summary>
/// Splits markets between collectors by a stable hash of the condition id, so both outcomes of a market (and its
/// YES+NO checks) stay on one collector, and every collector computes the same split without talking to the others.
/// </summary>
public sealed class ShardFilter(ShardSpec? shard)
{
    public bool Owns(string conditionId)
    {
        if (shard is not { Count: > 1 } spec)
        {
            return true;
        }

        // Cold path (once per market per discovery change); SHA-256 is stable across processes and versions.
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(conditionId.ToLowerInvariant()), digest);
        var bucket = BitConverter.ToUInt32(digest) % (uint)spec.Count;
        return bucket == (uint)spec.Index;
    }
}
