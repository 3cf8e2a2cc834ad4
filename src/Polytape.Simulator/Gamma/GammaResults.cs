using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Polytape.Simulator.Rest;

namespace Polytape.Simulator.Gamma;

/// <summary>Gamma responses: bodies through the project's source-generated context, 404 and 422 as <c>{"error":"…"}</c>.</summary>
internal static class GammaResults
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo) => RestResults.Json(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    public static IResult NotFound() => RestResults.Error(StatusCodes.Status404NotFound, "not found");

    public static IResult Unprocessable(string error) => RestResults.Error(StatusCodes.Status422UnprocessableEntity, error);
}
