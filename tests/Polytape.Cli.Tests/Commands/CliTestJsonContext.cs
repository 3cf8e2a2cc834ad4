using System.Text.Json.Serialization;

namespace Polytape.Cli.Tests.Commands;

[JsonSerializable(typeof(string[]))]
internal sealed partial class CliTestJsonContext : JsonSerializerContext;
