using Polytape.Archive.Tests.Support;
using Polytape.TestSupport;

namespace Polytape.Archive.Tests;

public sealed class ArchiveWriterTests
{
    [Fact]
    public async Task AppendAsync_ManyRecordsWithTrickyPayloads_ReadBackExactAndInOrder()
    {
        using var directory = new TempDirectory();
        var originals = Enumerable.Range(0, 2_000)
            .Select(i => Records.Ws(i % 7 == 0 ? Records.Tricky[i % Records.Tricky.Count] : Records.PriceChange(i), connectionSequence: i + 1))
            .ToList();

        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await Archives.AppendAllAsync(writer, originals);
        }

        var read = ArchiveReader.Read(directory.Path).ToList();
        Assert.Equal(originals.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(i + 1, read[i].Sequence);
            Assert.Equal(originals[i].Payload.ToArray(), read[i].Payload.ToArray());
            Assert.Equal(originals[i].ConnectionSequence, read[i].ConnectionSequence);
            Assert.Equal(originals[i].ReceivedAtMicros, read[i].ReceivedAtMicros);
        }

        Assert.Single(directory.Sealed());
        Assert.Empty(directory.Open());
    }

    [Fact]
    public async Task AppendAsync_CallerReusesItsBuffer_ArchivedBytesAreTheOnesAppended()
    {
        using var directory = new TempDirectory();
        var buffer = new byte[64];
        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            for (var i = 0; i < 100; i++)
            {
                Array.Fill(buffer, (byte)('a' + (i % 26)));
                await writer.AppendAsync(Records.Ws(buffer));
            }
        }

        var read = ArchiveReader.Read(directory.Path).ToList();
        Assert.All(read, (record, i) => Assert.True(record.Payload.Span.IndexOfAnyExcept((byte)('a' + (i % 26))) < 0));
    }

    /// <summary>zstd holds up to a 128 KB block of input before its output grows, so it needs more data for as many files.</summary>
    [Theory]
    [InlineData(ArchiveFormat.Gzip, 200)]
    [InlineData(ArchiveFormat.Zstd, 1000)]
    public async Task AppendAsync_SizeLimit_RotatesWithSequenceGlobalAcrossFiles(ArchiveFormat format, int records)
    {
        using var directory = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(directory.Path, configure: o => (o.MaxFileBytes, o.Format) = (16 * 1024, format)))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(0, records).Select(i => Records.Ws(Records.Noise(1024, i))));
        }

        var files = directory.Sealed();
        Assert.True(files.Length >= 5, $"expected several files, got {files.Length}");
        long expectedFirst = 1;
        foreach (var file in files)
        {
            var manifest = ArchiveReader.ReadManifest(file);
            Assert.Equal(expectedFirst, manifest.FirstSequence);
            Assert.True((await ArchiveReader.VerifyAsync(file)).IsValid);
            expectedFirst = manifest.LastSequence + 1;
        }

        Assert.Equal(records + 1, expectedFirst);
        Assert.Equal(Enumerable.Range(1, records).Select(i => (long)i), ArchiveReader.Read(directory.Path).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Clock_HourChanges_RotatesIntoSealedFilesWhoseManifestsVerify()
    {
        using var directory = new TempDirectory();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 34, 56, TimeSpan.Zero));
        await using (var writer = await Archives.OpenAsync(directory.Path, time))
        {
            await Archives.AppendAllAsync(writer, Enumerable.Range(0, 10).Select(i => Records.Ws(Records.PriceChange(i))));
            await writer.FlushAsync();
            time.Advance(TimeSpan.FromMinutes(30));
            await Archives.AppendAllAsync(writer, Enumerable.Range(10, 10).Select(i => Records.Ws(Records.PriceChange(i))));
        }

        var files = directory.Sealed();
        Assert.Equal(
            ["polytape-20261122T123456Z-000000000001.jsonl.zst", "polytape-20261122T130456Z-000000000011.jsonl.zst"],
            files.Select(Path.GetFileName));
        for (var i = 0; i < files.Length; i++)
        {
            var verification = await ArchiveReader.VerifyAsync(files[i]);
            Assert.True(verification.IsValid, string.Join("; ", verification.Problems));
            var manifest = ArchiveReader.ReadManifest(files[i]);
            Assert.Equal((10L, 10L * i + 1, 10L * i + 10), (manifest.Records, manifest.FirstSequence, manifest.LastSequence));
            Assert.Equal(new FileInfo(files[i]).Length, manifest.Bytes);
        }
    }

    [Fact]
    public async Task Clock_HourPassesWithNoNewRecords_TickSealsTheIdleFile()
    {
        using var directory = new TempDirectory();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 59, 0, TimeSpan.Zero));
        var streams = new ObservedStreams();
        await using var writer = await Archives.OpenAsync(directory.Path, time, createStream: streams.Create);
        await writer.AppendAsync(Records.Ws("x"));
        await writer.FlushAsync();
        var stream = await streams.First;
        Assert.True(await stream.Flushes.WaitAsync(Archives.Timeout));

        time.Advance(TimeSpan.FromMinutes(1));

        // Ticks before 13:00 find nothing to flush; the one at 13:00 seals, whose fsync is the next flush.
        Assert.True(await stream.Flushes.WaitAsync(Archives.Timeout));
        await writer.FlushAsync();
        var sealedFile = Assert.Single(directory.Sealed());
        Assert.True((await ArchiveReader.VerifyAsync(sealedFile)).IsValid);
        Assert.Empty(directory.Open());
    }

    [Fact]
    public async Task Clock_FlushIntervalPasses_UnflushedRecordsReachTheOpenFile()
    {
        using var directory = new TempDirectory();
        var time = new ManualTimeProvider();
        var streams = new ObservedStreams();
        await using var writer = await Archives.OpenAsync(
            directory.Path, time, o => o.FlushInterval = TimeSpan.FromMilliseconds(500), streams.Create);
        await Archives.AppendAllAsync(writer, Enumerable.Range(0, 3).Select(i => Records.Ws(Records.PriceChange(i))));
        await writer.AppendAsync(Records.Ws("last"));
        var stream = await streams.First;

        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.True(await stream.Flushes.WaitAsync(Archives.Timeout));
        Assert.Equal(0, stream.Flushes.CurrentCount);
        var read = ArchiveReader.Read(directory.Path).ToList();
        Assert.Equal(4, read.Count);
        Assert.Equal("last"u8.ToArray(), read[^1].Payload.ToArray());
    }

    [Fact]
    public async Task AppendAsync_FlushEveryRecordsReached_FlushesWithoutTheClock()
    {
        using var directory = new TempDirectory();
        var streams = new ObservedStreams();
        await using var writer = await Archives.OpenAsync(directory.Path, configure: o => o.FlushEveryRecords = 5, createStream: streams.Create);

        await Archives.AppendAllAsync(writer, Enumerable.Range(0, 5).Select(i => Records.Ws(Records.PriceChange(i))));

        Assert.True(await (await streams.First).Flushes.WaitAsync(Archives.Timeout));
        Assert.Equal(5, ArchiveReader.Read(directory.Path).Count());
    }

    [Fact]
    public async Task AppendAsync_DiskStalls_WaitsAtTheQueueBoundInsteadOfDropping()
    {
        using var directory = new TempDirectory();
        var streams = new ObservedStreams(gateOpen: false);
        await using var writer = await Archives.OpenAsync(
            directory.Path, configure: o => { o.QueueCapacity = 4; o.FlushEveryRecords = 1; }, createStream: streams.Create);

        await writer.AppendAsync(Records.Ws("first"));
        var stream = await streams.First;
        try
        {
            await stream.WriteBlocked.WaitAsync(Archives.Timeout);
            for (var i = 0; i < 4; i++)
            {
                await writer.AppendAsync(Records.Ws($"queued {i}")).AsTask().WaitAsync(Archives.Timeout);
            }

            var waiting = writer.AppendAsync(Records.Ws("waits")).AsTask();

            Assert.Equal(4, writer.QueueDepth);
            Assert.False(waiting.IsCompleted);
            stream.OpenGate();
            await waiting.WaitAsync(Archives.Timeout);
        }
        finally
        {
            // A failed assertion must not leave the writer loop blocked, or disposing it would hang the run.
            stream.OpenGate();
        }

        await writer.FlushAsync().WaitAsync(Archives.Timeout);
        Assert.Equal(
            ["first", "queued 0", "queued 1", "queued 2", "queued 3", "waits"],
            ArchiveReader.Read(directory.Path).Select(r => System.Text.Encoding.UTF8.GetString(r.Payload.Span)));
        Assert.Equal(6, writer.RecordsWritten);
    }

    [Fact]
    public async Task DisposeAsync_WithQueuedRecords_DrainsSealsAndWritesTheManifest()
    {
        using var directory = new TempDirectory();
        var writer = await Archives.OpenAsync(directory.Path);
        var appends = Enumerable.Range(0, 500).Select(i => writer.AppendAsync(Records.Ws(Records.PriceChange(i))).AsTask()).ToList();

        await writer.DisposeAsync();

        await Task.WhenAll(appends);
        var sealedFile = Assert.Single(directory.Sealed());
        Assert.Equal(500, ArchiveReader.ReadManifest(sealedFile).Records);
        Assert.True(writer.Completion.IsCompletedSuccessfully);
        Assert.True(writer.BytesWritten > 0);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.AppendAsync(Records.Ws("late")).AsTask());
    }

    [Fact]
    public async Task OpenAsync_AfterCleanClose_ContinuesTheSequence()
    {
        using var directory = new TempDirectory();
        await using (var first = await Archives.OpenAsync(directory.Path))
        {
            await Archives.AppendAllAsync(first, Enumerable.Range(0, 7).Select(i => Records.Ws(Records.PriceChange(i))));
        }

        await using (var second = await Archives.OpenAsync(directory.Path))
        {
            Assert.Equal(7, second.LastSequence);
            await second.AppendAsync(Records.Ws("eighth"));
        }

        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), ArchiveReader.Read(directory.Path).Select(r => r.Sequence));
        Assert.Equal(2, directory.Sealed().Length);
    }

    [Fact]
    public async Task Manifest_CountsKindsEventTypesAndUnknownShapes()
    {
        using var directory = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await writer.AppendAsync(Records.Ws("{}", "book"));
            await writer.AppendAsync(Records.Ws("{}", "price_change"));
            await writer.AppendAsync(Records.Ws("{}", "price_change"));
            await writer.AppendAsync(Records.Ws("??", ArchiveRecord.UnknownEventType));
            await writer.AppendAsync(new ArchiveRecord { Kind = ArchiveRecordKind.Rest, Context = "https://clob/books", Payload = "[]"u8.ToArray() });
            await writer.AppendAsync(new ArchiveRecord { Kind = ArchiveRecordKind.Note, Payload = "started"u8.ToArray() });
        }

        var manifest = ArchiveReader.ReadManifest(Assert.Single(directory.Sealed()));
        Assert.Equal(new Dictionary<string, long> { ["note"] = 1, ["rest"] = 1, ["ws"] = 4 }, manifest.CountsByKind);
        Assert.Equal(new Dictionary<string, long> { ["book"] = 1, ["price_change"] = 2, ["unknown"] = 1 }, manifest.CountsByEventType);
        Assert.Equal(1, manifest.UnknownShapes);
        Assert.False(manifest.Recovered);
    }

    [Fact]
    public async Task AppendAsync_UnsetReceiveTime_IsStampedFromTheClock()
    {
        using var directory = new TempDirectory();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, 250, TimeSpan.Zero));
        await using (var writer = await Archives.OpenAsync(directory.Path, time))
        {
            await writer.AppendAsync(new ArchiveRecord { Kind = ArchiveRecordKind.Note, Payload = "x"u8.ToArray() });
        }

        Assert.Equal(time.GetUtcNow(), Assert.Single(ArchiveReader.Read(directory.Path)).ReceivedAt);
    }

    [Theory]
    [InlineData((ArchiveRecordKind)0, "c1", null)]
    [InlineData(ArchiveRecordKind.Ws, "conn with ü", null)]
    [InlineData(ArchiveRecordKind.Ws, "c1", "")]
    public async Task AppendAsync_InvalidRecord_ThrowsArgumentExceptionAndKeepsWriting(ArchiveRecordKind kind, string connection, string? eventType)
    {
        using var directory = new TempDirectory();
        await using (var writer = await Archives.OpenAsync(directory.Path))
        {
            await Assert.ThrowsAsync<ArgumentException>(
                () => writer.AppendAsync(new ArchiveRecord { Kind = kind, Connection = connection, EventType = eventType }).AsTask());
            await writer.AppendAsync(Records.Ws("still fine"));
        }

        Assert.Single(ArchiveReader.Read(directory.Path));
    }
}
