using Polytape.Collector.Configuration;

namespace Polytape.Collector.Status;

/// <summary>
/// Redraws <see cref="StatusLine"/> in place every second on a terminal. Each draw writes the line, clears the
/// rest of the row and returns the cursor to column 0, so a log line written in between starts on a clean row
/// instead of being appended to the status text.
/// </summary>
public sealed class StatusLineWriter : IDisposable
{
    /// <summary>Erase to end of line (ANSI); every terminal emulator in use understands it.</summary>
    private const string ClearToEnd = "\u001b[K";

    private readonly TextWriter _output;
    private readonly Func<RecorderStatus> _status;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Func<int> _width;
    private readonly Lock _drawing = new();
    private ITimer? _timer;
    private bool _drawn;

    public StatusLineWriter(TextWriter output, Func<RecorderStatus> status, TimeProvider time, TimeSpan? interval = null, Func<int>? width = null)
    {
        _output = output;
        _status = status;
        _time = time;
        _interval = interval ?? TimeSpan.FromSeconds(1);
        _width = width ?? (() => int.MaxValue);
    }

    /// <summary>auto shows the line only when stderr is a terminal; on and off force it.</summary>
    public static bool ShouldShow(StatusLineMode mode, bool errorRedirected) => mode switch
    {
        StatusLineMode.On => true,
        StatusLineMode.Off => false,
        _ => !errorRedirected,
    };

    /// <summary>A writer on stderr when <paramref name="mode"/> says so for this process, else null.</summary>
    public static StatusLineWriter? ForConsole(StatusLineMode mode, Func<RecorderStatus> status, TimeProvider time) =>
        ShouldShow(mode, Console.IsErrorRedirected)
            ? new StatusLineWriter(Console.Error, status, time, width: TerminalWidth)
            : null;

    /// <summary>Draws now, then every interval.</summary>
    public void Start()
    {
        if (_timer is null)
        {
            Redraw();
            _timer = _time.CreateTimer(_ => Redraw(), null, _interval, _interval);
        }
    }

    /// <summary>Draws the current line once (the timer calls this every interval).</summary>
    public void Redraw()
    {
        var line = StatusLine.Render(_status());
        var width = _width();

        // A line wider than the terminal wraps, and \r would then only return to its last row.
        if (line.Length >= width && width > 1)
        {
            line = line[..(width - 2)] + "…";
        }

        lock (_drawing)
        {
            _output.Write(line + ClearToEnd + "\r");
            _output.Flush();
            _drawn = true;
        }
    }

    /// <summary>Stops redrawing and moves past the line, leaving the last status visible above the next output.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
        lock (_drawing)
        {
            if (_drawn)
            {
                _output.Write(StatusLine.Render(_status()) + ClearToEnd + Environment.NewLine);
                _output.Flush();
                _drawn = false;
            }
        }
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var width ? width : int.MaxValue;
        }
        catch (IOException)
        {
            return int.MaxValue;
        }
    }
}
