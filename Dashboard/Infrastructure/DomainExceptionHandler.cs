using System.Text.Json;
using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Infrastructure;

/// <summary>Maps every failure of an API request to ProblemDetails with a stable code; unexpected ones are logged, not leaked.</summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems, ILogger<DomainExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (code, message, errors) = exception switch
        {
            DomainException e => (e.Code, e.Message, e.Errors),
            BadHttpRequestException { InnerException: JsonException json } => (ErrorCodes.ValidationFailed, $"The request body is not valid JSON for this endpoint: {json.Message}", null),
            BadHttpRequestException e => (ErrorCodes.ValidationFailed, e.Message, null),
            DbUpdateConcurrencyException => (ErrorCodes.Conflict, "The record was changed by someone else; reload and try again.", null),
            _ => (ErrorCodes.Internal, "An unexpected error occurred. It has been logged.", (IReadOnlyDictionary<string, string[]>?)null),
        };
        if (code == ErrorCodes.Internal)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        var problem = ApiProblems.Create(code, message, errors);
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
