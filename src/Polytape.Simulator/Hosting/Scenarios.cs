using System.Collections.Frozen;
using Polytape.Simulator.Engine;

namespace Polytape.Simulator.Hosting;

/// <summary>
/// Named fault scenarios: each sets a combination of <see cref="SimulatorFaults"/> (the admin endpoint can
/// switch scenarios, or single faults, while the simulator runs).
/// </summary>
public static class Scenarios
{
    private static readonly FrozenDictionary<string, Action<SimulatorFaults>> All = new Dictionary<string, Action<SimulatorFaults>>(StringComparer.Ordinal)
    {
        ["healthy"] = _ => { },
        ["disconnects"] = f => { f.DisconnectAfterFrames = 500; f.DisconnectCloseCode = null; },
        ["stall"] = f => f.SilentStall = true,
        ["crowded"] = f => f.MaxDeliveredAssetsPerConnection = 500,
        ["strict-subscribe"] = f => f.MaxIdsPerSubscribeFrame = 1_000,
        ["throttled"] = f => f.HandshakesPerSecond = 5,
        ["flaky-rest"] = f => f.RestServerErrorProbability = 0.2,
        ["ghost-book"] = f => f.GhostRestBook = true,
        ["crossed"] = f => f.CrossedBookProbability = 0.01,
        ["duplicates"] = f => f.DuplicateProbability = 0.05,
        ["malformed"] = f => f.MalformedProbability = 0.01,
        ["drift"] = f => { f.UnknownEventProbability = 0.01; f.UnknownFieldProbability = 0.01; },
        ["hash-ahead"] = f => f.HashAheadOfTrade = true,
        ["hydration"] = f => f.HydrationDelay = TimeSpan.FromSeconds(30),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Names => All.Keys.Order(StringComparer.Ordinal);

    public static bool Exists(string name) => All.ContainsKey(name);

    /// <summary>Resets every fault, then applies the scenario's.</summary>
    public static void Apply(string name, SimulatorFaults faults)
    {
        if (!All.TryGetValue(name, out var apply))
        {
            throw new ArgumentException($"Unknown scenario '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
        }

        faults.CopyFrom(new SimulatorFaults());
        apply(faults);
    }
}
