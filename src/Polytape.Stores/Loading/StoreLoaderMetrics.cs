using System.Diagnostics.Metrics;

namespace Polytape.Stores.Loading;

/// <summary>
/// A loader's lag, rows, records and errors as observable instruments (OpenTelemetry-style names, tagged only by the
/// store kind: never by asset or market). Dispose to stop reporting.
/// </summary>
public sealed class StoreLoaderMetrics : IDisposable
{
    public const string MeterName = "Polytape.Stores";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public StoreLoaderMetrics(StoreLoader loader, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        var tags = new KeyValuePair<string, object?>[] { new("store", loader.Store.Kind.ToString().ToLowerInvariant()) };
        _meter.CreateObservableGauge("polytape.store.lag", () => new Measurement<long>(loader.Lag, tags), "{record}", "Archive records not yet in the store.");
        _meter.CreateObservableCounter("polytape.store.rows", () => new Measurement<long>(loader.RowsWritten, tags), "{row}", "Rows written.");
        _meter.CreateObservableCounter("polytape.store.records", () => new Measurement<long>(loader.RecordsLoaded, tags), "{record}", "Archive records loaded.");
        _meter.CreateObservableCounter("polytape.store.errors", () => new Measurement<long>(loader.Errors, tags), "{error}", "Failed store operations (each retried).");
        _meter.CreateObservableGauge("polytape.store.position", () => new Measurement<long>(loader.Position, tags), "{sequence}", "Last archive sequence in the store.");
    }

    /// <summary>This loader's meter: several loaders (and tests) share the meter name, so a listener tells them apart by instance.</summary>
    internal Meter Meter => _meter;

    /// <summary>Stops reporting; a meter from a factory is the factory's to dispose.</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
