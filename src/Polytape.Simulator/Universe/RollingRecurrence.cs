namespace Polytape.Simulator.Universe;

/// <summary>Rolling crypto up/down recurrences and their slug rules (polymarket-protocol.md §6.4).</summary>
public enum RollingRecurrence : byte
{
    FiveMinutes = 0,
    FifteenMinutes = 1,
    OneHour = 2,
    FourHours = 3,
    Daily = 4,
}
