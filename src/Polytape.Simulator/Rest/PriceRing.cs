namespace Polytape.Simulator.Rest;

/// <summary>
/// One token's recent prices, one point per minute (the finest fidelity the venue serves), oldest evicted first.
/// Eight bytes a point keep a day of history for thousands of tokens small.
/// </summary>
internal sealed class PriceRing
{
    // A day at one-minute fidelity.
    public const int Capacity = 1_440;

    private readonly int[] _minutes = new int[Capacity];
    private readonly int[] _halfUnits = new int[Capacity];
    private int _start;
    private int _count;

    /// <summary>Records the price of a minute; a later sample in the same minute replaces the earlier one.</summary>
    public void Record(int minute, int halfUnits)
    {
        if (_count > 0)
        {
            var last = (_start + _count - 1) % Capacity;
            if (_minutes[last] == minute)
            {
                _halfUnits[last] = halfUnits;
                return;
            }
        }

        var slot = (_start + _count) % Capacity;
        if (_count == Capacity)
        {
            _start = (_start + 1) % Capacity;
        }
        else
        {
            _count++;
        }

        _minutes[slot] = minute;
        _halfUnits[slot] = halfUnits;
    }

    /// <summary>Points with <paramref name="fromMinute"/> ≤ minute ≤ <paramref name="toMinute"/>, oldest first.</summary>
    public IEnumerable<(int Minute, int HalfUnits)> Between(int fromMinute, int toMinute)
    {
        var result = new List<(int, int)>();
        for (var i = 0; i < _count; i++)
        {
            var slot = (_start + i) % Capacity;
            if (_minutes[slot] >= fromMinute && _minutes[slot] <= toMinute)
            {
                result.Add((_minutes[slot], _halfUnits[slot]));
            }
        }

        return result;
    }
}
