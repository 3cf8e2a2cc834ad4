using System.Diagnostics;
using System.Globalization;

namespace Polytape.Benchmarks.Harness;

/// <summary>
/// CPU seconds of this process and of a server process tree (the pid in <c>POLYTAPE_BENCH_SERVER_PID</c>, its children
/// and its reaped children, from /proc), so throughput can be given per CPU-second on a machine shared with others.
/// </summary>
internal sealed class CpuMeter
{
    /// <summary>USER_HZ on Linux: /proc/PID/stat times are in these ticks.</summary>
    private const double TicksPerSecond = 100;

    private readonly int? _serverPid = int.TryParse(Environment.GetEnvironmentVariable("POLYTAPE_BENCH_SERVER_PID"), out var pid) ? pid : null;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _ownStart;
    private (double User, double System) _serverStart;

    public CpuMeter() => Restart();

    public void Restart()
    {
        _ownStart = Process.GetCurrentProcess().TotalProcessorTime;
        _serverStart = ServerSeconds();
        _wall.Restart();
    }

    /// <summary>"wall W s, ours C s (R rows/cpu-s), server S s, load L" for <paramref name="rows"/> rows since the last restart.</summary>
    public string Report(long rows)
    {
        var wall = _wall.Elapsed.TotalSeconds;
        var own = (Process.GetCurrentProcess().TotalProcessorTime - _ownStart).TotalSeconds;
        var (serverUser, serverSystem) = ServerSeconds();
        serverUser -= _serverStart.User;
        serverSystem -= _serverStart.System;
        var server = serverUser + serverSystem;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        var invariant = CultureInfo.InvariantCulture;
        var serverPart = _serverPid is null
            ? string.Empty
            : string.Create(invariant, $", server cpu {server:F2} s (user {serverUser:F2}, system {serverSystem:F2}; {rows / Math.Max(own + server, 1e-9):N0} rows per cpu-s of both)");
        return string.Create(invariant, $"wall {wall:F2} s, our cpu {own:F2} s ({rows / Math.Max(own, 1e-9):N0} rows/cpu-s){serverPart}, load {load}");
    }

    /// <summary>The server's user and system CPU seconds so far.</summary>
    private (double User, double System) ServerSeconds()
    {
        if (_serverPid is not { } pid)
        {
            return (0, 0);
        }

        // The server itself (with its reaped children's time), plus children still running (PostgreSQL backends).
        var total = Ticks(pid, withChildren: true);
        foreach (var task in SafeDirectories($"/proc/{pid}/task"))
        {
            var children = Path.Combine(task, "children");
            if (!File.Exists(children))
            {
                continue;
            }

            foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (user, system) = Ticks(int.Parse(child, CultureInfo.InvariantCulture), withChildren: true);
                total = (total.User + user, total.System + system);
            }
        }

        return (total.User / TicksPerSecond, total.System / TicksPerSecond);
    }

    private static string[] SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static (long User, long System) Ticks(int pid, bool withChildren)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return (0, 0);
        }

        // Fields after the parenthesised name: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return withChildren ? (Field(11) + Field(13), Field(12) + Field(14)) : (Field(11), Field(12));
    }
}
