using System.Globalization;
using System.Text;
using Polytape.Collector.Feed;

namespace Polytape.Collector.Status;

/// <summary>
/// The status document in one short line for a terminal:
/// "conns 12/12 · assets 2,388 live 2,380 syncing 6 suspect 2 · 3,120 ev/s · archive 412 MB · lag 0".
/// Any state other than receiving leads the line, so trouble is the first thing read.
/// </summary>
public static class StatusLine
{
    private const string Separator = " · ";

    public static string Render(RecorderStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var line = new StringBuilder(128);
        if (status.State != RecorderState.RunningReceiving)
        {
            line.Append(StateWord(status.State)).Append(Separator);
        }

        var receiving = status.Connections.Count(c => c.State == FeedState.Receiving);
        line.Append("conns ").Append(Number(receiving)).Append('/').Append(Number(status.Connections.Count));
        var assets = status.Assets;
        line.Append(Separator).Append("assets ").Append(Number(assets.Total))
            .Append(" live ").Append(Number(assets.Live))
            .Append(" syncing ").Append(Number(assets.Syncing))
            .Append(" suspect ").Append(Number(assets.Suspect));
        if (assets.Resyncing > 0)
        {
            line.Append(" resyncing ").Append(Number(assets.Resyncing));
        }

        line.Append(Separator).Append(Number((long)Math.Round(status.EventsPerSecond))).Append(" ev/s");
        line.Append(Separator).Append("archive ").Append(Bytes(status.Archive.Bytes));
        if (status.StoreLag is { } lag)
        {
            line.Append(Separator).Append("lag ").Append(Number(lag));
        }

        if (status.Faults.Count > 0)
        {
            line.Append(Separator).Append("FAULTED ").Append(string.Join(", ", status.Faults.Select(f => f.Component)));
        }

        return line.ToString();
    }

    /// <summary>Decimal units (1 MB = 1,000,000 bytes), as <c>df -H</c> and disk vendors count.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        var format = unit == 0 || value >= 100 ? "0" : value >= 10 ? "0.#" : "0.##";
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string StateWord(RecorderState state) => state switch
    {
        RecorderState.Starting => "STARTING",
        RecorderState.RunningReconnecting => "RECONNECTING",
        RecorderState.RunningNoActiveTokens => "NO ACTIVE TOKENS",
        RecorderState.Stopping => "STOPPING",
        _ => "RECEIVING",
    };
}
