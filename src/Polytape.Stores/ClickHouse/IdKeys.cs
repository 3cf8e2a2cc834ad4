namespace Polytape.Stores.ClickHouse;

/// <summary>
/// Market and asset ids as ClickHouse keys (<see cref="SipHash"/>), looked up by string instance: the normaliser hands
/// out one instance per id, so a hit costs no hashing of the id's text. Ids whose key this process has not yet sent
/// to the <c>ids</c> table wait in <see cref="Pending"/> until a batch carrying them succeeds.
/// </summary>
internal sealed class IdKeys
{
    /// <summary>Bounds both maps; past it they start over (the server's <c>ids</c> table dedups what is sent again).</summary>
    private const int MaxCached = 1 << 20;

    private readonly Dictionary<string, ulong> _byInstance = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ulong> _known = [];
    private readonly List<(ulong Key, string Id)> _pending = [];

    /// <summary>Ids first seen since the last <see cref="Sent"/>, with their keys.</summary>
    public IReadOnlyList<(ulong Key, string Id)> Pending => _pending;

    public ulong KeyOf(string id)
    {
        if (_byInstance.TryGetValue(id, out var key))
        {
            return key;
        }

        if (_byInstance.Count >= MaxCached)
        {
            _byInstance.Clear();
            _known.Clear();
        }

        key = SipHash.Hash64(id);
        _byInstance.Add(id, key);
        if (_known.Add(key))
        {
            _pending.Add((key, id));
        }

        return key;
    }

    /// <summary>The first <paramref name="count"/> pending ids are stored on the server.</summary>
    public void Sent(int count) => _pending.RemoveRange(0, count);
}
