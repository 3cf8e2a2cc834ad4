namespace Polytape.Collector.Subscriptions;

/// <summary>What one planning step decided, collected under the pool's gate and applied after it (sends await).</summary>
internal sealed class Changes
{
    private readonly Dictionary<PooledConnection, List<string>> _subscribes = [];
    private readonly Dictionary<PooledConnection, List<string>> _unsubscribes = [];

    public IEnumerable<(PooledConnection Connection, List<string> Ids)> Subscribes => _subscribes.Select(p => (p.Key, p.Value));

    public IEnumerable<(PooledConnection Connection, List<string> Ids)> Unsubscribes => _unsubscribes.Select(p => (p.Key, p.Value));

    public List<(PooledConnection Connection, string Id)> Resubscribes { get; } = [];

    public List<PooledConnection> Started { get; } = [];

    public List<PooledConnection> Stopped { get; } = [];

    public IEnumerable<PooledConnection> Touched => _unsubscribes.Keys.Concat(_subscribes.Keys).Distinct().ToList();

    public void Subscribe(PooledConnection connection, string id) => Add(_subscribes, connection, id);

    public void Subscribe(PooledConnection connection, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            Add(_subscribes, connection, id);
        }
    }

    public void Unsubscribe(PooledConnection connection, string id) => Add(_unsubscribes, connection, id);

    public void Resubscribe(PooledConnection connection, string id) => Resubscribes.Add((connection, id));

    public void Start(PooledConnection connection) => Started.Add(connection);

    public void Stop(PooledConnection connection) => Stopped.Add(connection);

    private static void Add(Dictionary<PooledConnection, List<string>> map, PooledConnection connection, string id)
    {
        if (!map.TryGetValue(connection, out var ids))
        {
            map[connection] = ids = [];
        }

        ids.Add(id);
    }
}
