using System.Diagnostics.Metrics;
using Polytape.Stores.Loading;
using Polytape.Stores.Sqlite;
using Polytape.Stores.Tests.Support;

namespace Polytape.Stores.Tests;

public sealed class StoreLoaderMetricsTests
{
    [Fact]
    public async Task Metrics_ReportLagAndRowsTaggedByStoreKindOnly()
    {
        using var temp = new TempDirectory();
        var archive = temp.Combine("archive");
        var records = await TestArchive.WriteAsync(archive, TestArchive.Build(steps: 20));
        await using var store = new SqliteStore(temp.Combine("store.db"));
        var loader = new StoreLoader(store, archive);
        using var metrics = new StoreLoaderMetrics(loader);
        var seen = new Dictionary<string, (long Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Other tests' loaders publish under the same meter name at the same time: listen to this one only.
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            seen[instrument.Name] = (value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
        listener.Start();

        loader.ObserveArchiveSequence(records[^1].Sequence);
        listener.RecordObservableInstruments();
        Assert.Equal(records[^1].Sequence, seen["polytape.store.lag"].Value);

        await loader.LoadAsync(retention: false);
        listener.RecordObservableInstruments();
        Assert.Equal(0, seen["polytape.store.lag"].Value);
        Assert.Equal(loader.RowsWritten, seen["polytape.store.rows"].Value);
        Assert.True(seen["polytape.store.rows"].Value > 0);
        Assert.Equal("store=sqlite", seen["polytape.store.rows"].Tags);
    }
}
