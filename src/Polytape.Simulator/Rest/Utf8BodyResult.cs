using Microsoft.AspNetCore.Http;

namespace Polytape.Simulator.Rest;

/// <summary>A pre-serialised body with a status code (Results.Bytes has no status; Results.Json reflects).</summary>
internal sealed class Utf8BodyResult(byte[] body, int statusCode, string contentType) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
