using System.Runtime.InteropServices;

namespace Polytape.Stores.Schema;

/// <summary>
/// Reorders a table's encoded rows by asset id, keeping each asset's rows in batch order. For ClickHouse that is the
/// tables' ORDER BY (asset, received_us, sequence, idx, …) whenever receive times rise with sequence, as the recorder
/// writes them: MergeTree sorts every inserted block unless it finds it already sorted (18.16 checks), and that sort —
/// comparisons of 77-character asset ids — was the largest part of the server's CPU per row. For PostgreSQL, rows of
/// one asset arrive together, so its asset index inserts them into the same leaf pages one after another instead of
/// descending to a random leaf per row. Order is only a hint to both servers. One pass, no row comparisons: rows are
/// counted into asset buckets, which are ranked by their ids' ordinal (UTF-8 byte) order, or by a key of the id when
/// the table is ordered by one (ClickHouse from schema version 3).
/// </summary>
internal sealed class AssetOrder
{
    private readonly Dictionary<string, int> _buckets = new(TailHash.Instance);
    private readonly List<string> _assets = [];
    /// <summary>Per row: its start in the unsorted body; one more entry holds the end of the last row.</summary>
    private int[] _starts = new int[1024];
    /// <summary>Per row: its asset's bucket (first-seen order).</summary>
    private int[] _rowBuckets = new int[1024];
    private int[] _destinations = new int[64];
    private ulong[] _bucketKeys = new ulong[64];
    private int _rows;
    private string? _lastAsset;
    private int _lastBucket;

    public void Reset()
    {
        _buckets.Clear();
        _assets.Clear();
        _rows = 0;
        _lastAsset = null;
    }

    /// <summary>A row starts at <paramref name="offset"/> of the unsorted body; its asset follows with <see cref="Asset"/>.</summary>
    public void BeginRow(int offset)
    {
        if (_rows + 1 >= _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _rowBuckets, _rowBuckets.Length * 2);
        }

        _starts[_rows] = offset;
        _rowBuckets[_rows] = 0;
        _rows++;
    }

    public void Asset(string id)
    {
        // Consecutive rows usually share one id instance (a snapshot's levels, a price change's rows).
        if (!ReferenceEquals(id, _lastAsset))
        {
            if (!_buckets.TryGetValue(id, out _lastBucket))
            {
                _lastBucket = _assets.Count;
                _buckets.Add(id, _lastBucket);
                _assets.Add(id);
            }

            _lastAsset = id;
        }

        _rowBuckets[_rows - 1] = _lastBucket;
    }

    /// <summary>Bytes from the first row's start to the end of <paramref name="body"/>: what <see cref="CopySorted"/> writes.</summary>
    public int RowBytes(ReadOnlySpan<byte> body) => _rows == 0 ? 0 : body.Length - _starts[0];

    /// <summary>
    /// Copies the rows of <paramref name="body"/> (the unsorted body the offsets refer to; its rows run from the first
    /// row's offset to its end) into <paramref name="sorted"/> in asset order (<see cref="RowBytes"/> bytes): by
    /// <paramref name="keyOf"/> of the ids when given, else by the ids themselves.
    /// </summary>
    public void CopySorted(ReadOnlySpan<byte> body, Span<byte> sorted, Func<string, ulong>? keyOf = null)
    {
        if (_rows == 0)
        {
            return;
        }

        _starts[_rows] = body.Length;
        var bucketCount = _assets.Count;
        if (_destinations.Length < bucketCount)
        {
            _destinations = new int[Math.Max(bucketCount, _destinations.Length * 2)];
        }

        // Bytes per bucket, then each bucket's start in the output in the order of its id.
        Array.Clear(_destinations, 0, bucketCount);
        for (var row = 0; row < _rows; row++)
        {
            _destinations[_rowBuckets[row]] += _starts[row + 1] - _starts[row];
        }

        var byId = new int[bucketCount];
        for (var i = 0; i < bucketCount; i++)
        {
            byId[i] = i;
        }

        if (keyOf is null)
        {
            Array.Sort(byId, (a, b) => string.CompareOrdinal(_assets[a], _assets[b]));
        }
        else
        {
            if (_bucketKeys.Length < bucketCount)
            {
                _bucketKeys = new ulong[Math.Max(bucketCount, _bucketKeys.Length * 2)];
            }

            for (var i = 0; i < bucketCount; i++)
            {
                _bucketKeys[i] = keyOf(_assets[i]);
            }

            Array.Sort(_bucketKeys, byId, 0, bucketCount);
        }
        var offset = 0;
        var first = _starts[0];
        foreach (var bucket in byId)
        {
            var bytes = _destinations[bucket];
            _destinations[bucket] = offset;
            offset += bytes;
        }

        var destination = sorted[..(body.Length - first)];
        for (var row = 0; row < _rows;)
        {
            // Consecutive rows of one asset (a book's levels) stay together: one copy for the run.
            var bucket = _rowBuckets[row];
            var end = row + 1;
            while (end < _rows && _rowBuckets[end] == bucket)
            {
                end++;
            }

            var start = _starts[row];
            var length = _starts[end] - start;
            ref var at = ref _destinations[bucket];
            body.Slice(start, length).CopyTo(destination.Slice(at, length));
            at += length;
            row = end;
        }
    }

    /// <summary>
    /// Ordinal equality, hashed on the length and the last 8 characters only: rows mostly carry a fresh instance of
    /// their 77-character asset id, whose tail digits spread the ids as well as all 77 characters would, for a tenth of the hashing.
    /// </summary>
    private sealed class TailHash : IEqualityComparer<string>
    {
        public static readonly TailHash Instance = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj)
        {
            // The last 8 characters as two 64-bit words, multiplied and folded: no per-process random seed needed here.
            var tail = obj.AsSpan(Math.Max(0, obj.Length - 8));
            Span<char> padded = stackalloc char[8];
            padded.Clear();
            tail.CopyTo(padded);
            var words = MemoryMarshal.Cast<char, ulong>(padded);
            var mixed = ((words[0] * 0x9E3779B97F4A7C15UL) ^ (words[1] * 0xC2B2AE3D27D4EB4FUL)) + (ulong)obj.Length;
            return (int)(mixed ^ (mixed >> 29));
        }
    }
}
