using System.Runtime.CompilerServices;
using Polytape.Domain.Numerics;

namespace Polytape.Domain.Books;

/// <summary>
/// One side of an order book, kept in the venue's wire order: bids ascending, asks descending, so the
/// best level is always the last element (O(1)) and most updates, which land near the top of the
/// book, touch the end of the array.
/// </summary>
public sealed class BookSide
{
    // Grown on first use and by half from there (8, 12, 18, 27, ...): most books have a dozen or so levels a side, and
    // with 300k assets the 32 levels once reserved up front held ~300 MB that were never used; doubling left a quarter
    // of every array empty on average.
    private const int FirstCapacity = 8;

    private readonly int _direction;
    private BookLevel[] _levels = [];
    private int _count;

    public BookSide(Side side)
    {
        Side = side;
        _direction = side == Side.Bid ? 1 : -1;
    }

    public Side Side { get; }

    public int Count => _count;

    public bool IsEmpty => _count == 0;

    /// <summary>Levels worst first, best last: the order the venue sends and hashes.</summary>
    public ReadOnlySpan<BookLevel> WireOrder => new(_levels, 0, _count);

    /// <summary>The level <paramref name="depth"/> steps from the best (0 = best).</summary>
    public BookLevel FromBest(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(depth, _count);
        return _levels[_count - 1 - depth];
    }

    public bool TryGetBest(out BookLevel best)
    {
        if (_count == 0)
        {
            best = default;
            return false;
        }

        best = _levels[_count - 1];
        return true;
    }

    /// <summary>Best price, or <see cref="Price.Empty"/> when the side is empty.</summary>
    public Price BestPrice => _count == 0 ? Price.Empty : _levels[_count - 1].Price;

    public void Clear() => _count = 0;

    /// <summary>
    /// Replaces the side with a snapshot's levels (any order; size-0 levels are skipped, a repeated price keeps its last
    /// size). Levels already in wire order, as the venue sends them, are copied whole instead of set one by one: the
    /// result is the same array of levels, at a fraction of the cost for a deep book.
    /// </summary>
    public void Replace(ReadOnlySpan<BookLevel> levels)
    {
        _count = 0;
        if (!IsStrictWireOrder(levels))
        {
            foreach (var level in levels)
            {
                Set(level.Price, level.Size);
            }

            return;
        }

        if (_levels.Length < levels.Length)
        {
            // The capacity setting them one by one would have reached, so memory use does not depend on the path taken.
            var capacity = _levels.Length;
            while (capacity < levels.Length)
            {
                capacity = Math.Max(FirstCapacity, capacity + (capacity / 2));
            }

            _levels = new BookLevel[capacity];
        }

        levels.CopyTo(_levels);
        _count = levels.Length;
    }

    /// <summary>Strictly in this side's wire order, every level with a price and a non-zero size: exactly what setting them builds.</summary>
    private bool IsStrictWireOrder(ReadOnlySpan<BookLevel> levels)
    {
        var previous = long.MinValue;
        foreach (ref readonly var level in levels)
        {
            long key = level.PriceUnits * _direction;
            if (level.SizeUnits <= 0 || level.PriceUnits < 0 || key <= previous)
            {
                return false;
            }

            previous = key;
        }

        return true;
    }

    /// <summary>Sets the absolute size at a price; size 0 deletes the level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LevelChange Set(Price price, Size size)
    {
        if (size.IsEmpty || price.IsEmpty)
        {
            ThrowEmpty();
        }

        var key = price.Units * _direction;
        var count = _count;
        if (count > 0)
        {
            var bestKey = _levels[count - 1].PriceUnits * _direction;
            if (key == bestKey)
            {
                return ReplaceOrRemoveAt(count - 1, price, size);
            }

            if (key > bestKey)
            {
                return size.IsZero ? LevelChange.None : InsertAt(count, price, size);
            }
        }
        else
        {
            return size.IsZero ? LevelChange.None : InsertAt(0, price, size);
        }

        var index = Search(key, count - 1);
        if (index >= 0)
        {
            return ReplaceOrRemoveAt(index, price, size);
        }

        return size.IsZero ? LevelChange.None : InsertAt(~index, price, size);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowEmpty() => throw new ArgumentException("A level needs a price and a size; an empty value is not a level.");

    /// <summary>Size at a price, or zero when there is no level.</summary>
    public Size SizeAt(Price price)
    {
        var index = _count == 0 ? -1 : Search(price.Units * _direction, _count);
        return index >= 0 ? _levels[index].Size : Size.Zero;
    }

    /// <summary>Binary search over [0, end) by key; the complement of the insertion point when absent.</summary>
    private int Search(int key, int end)
    {
        var low = 0;
        var high = end - 1;
        var levels = _levels;
        while (low <= high)
        {
            var mid = (int)((uint)(low + high) >> 1);
            var midKey = levels[mid].PriceUnits * _direction;
            if (midKey == key)
            {
                return mid;
            }

            if (midKey < key)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }

    private LevelChange ReplaceOrRemoveAt(int index, Price price, Size size)
    {
        if (size.IsZero)
        {
            var tail = _count - index - 1;
            if (tail > 0)
            {
                Array.Copy(_levels, index + 1, _levels, index, tail);
            }

            _count--;
            return LevelChange.Removed;
        }

        _levels[index] = new BookLevel(price, size);
        return LevelChange.Updated;
    }

    private LevelChange InsertAt(int index, Price price, Size size)
    {
        if (_count == _levels.Length)
        {
            Array.Resize(ref _levels, Math.Max(FirstCapacity, _levels.Length + (_levels.Length / 2)));
        }

        var tail = _count - index;
        if (tail > 0)
        {
            Array.Copy(_levels, index, _levels, index + 1, tail);
        }

        _levels[index] = new BookLevel(price, size);
        _count++;
        return LevelChange.Added;
    }
}
