using System.Text.Json.Serialization;

namespace Polytape.Collector.Status;

/// <summary>Source-generated JSON for the status document and the probe answers (AOT-safe, no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(RecorderStatus))]
[JsonSerializable(typeof(ProbeAnswer))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;

/// <summary>The body of <c>/health</c> and <c>/ready</c>: a verdict, the state and, when failing, why.</summary>
internal sealed record ProbeAnswer(string Status, RecorderState State, string? Reason);
