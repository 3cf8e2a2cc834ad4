using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Polytape.Collector.Status;

/// <summary>
/// Rewrites the status document to a file every interval, atomically: the JSON goes to a temporary file in the
/// same directory, is flushed to disk, then renamed over the old one, so a reader (a shell script, a sidecar)
/// never sees half a document. A failed write is logged and retried on the next tick; it never stops the recorder.
/// </summary>
public sealed class StatusFileWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporaryPath;
    private readonly TimeSpan _interval;
    private readonly Func<RecorderStatus> _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _writing = new();
    private ITimer? _timer;

    public StatusFileWriter(string path, TimeSpan interval, Func<RecorderStatus> status, TimeProvider time, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _path = System.IO.Path.GetFullPath(path);
        _temporaryPath = _path + ".tmp";
        _interval = interval;
        _status = status;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    public string Path => _path;

    /// <summary>Writes failed since start; the status document cannot report this itself when the disk is the problem.</summary>
    public long Failures { get; private set; }

    /// <summary>Writes now, then every interval.</summary>
    public void Start()
    {
        if (_timer is null)
        {
            TryWrite();
            _timer = _time.CreateTimer(_ => TryWrite(), null, _interval, _interval);
        }
    }

    /// <summary>One atomic write; returns false (and logs) when it failed.</summary>
    public bool TryWrite()
    {
        // Ticks may overlap on a slow disk; one write at a time, a late tick simply waits.
        lock (_writing)
        {
            try
            {
                WriteAtomically(StatusDocument.ToUtf8(_status()));
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Failures++;
                Log.StatusFileFailed(_logger, _path, ex.Message);
                return false;
            }
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void WriteAtomically(byte[] json)
    {
        var directory = System.IO.Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using (var file = new FileStream(_temporaryPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(json);
            file.Flush(flushToDisk: true);
        }

        // rename(2) replaces the old file in one step on POSIX; readers see the old or the new document.
        File.Move(_temporaryPath, _path, overwrite: true);
    }
}
