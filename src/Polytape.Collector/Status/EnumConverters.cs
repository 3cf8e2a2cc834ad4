using System.Text.Json;
using System.Text.Json.Serialization;

namespace Polytape.Collector.Status;

/// <summary>Enums as "RUNNING_RECEIVING": the status vocabulary other recorders and dashboards already use.</summary>
public sealed class UpperSnakeCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false)
    where T : struct, Enum;

/// <summary>Enums as "receiving", "closed_by_server": lower snake case like every other key of the document.</summary>
public sealed class LowerSnakeCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where T : struct, Enum;
