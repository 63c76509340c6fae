using Dashboard.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Infrastructure;

/// <summary>ProblemDetails with a stable <c>code</c> extension; the one error shape of the REST API.</summary>
public static class ApiProblems
{
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.ValidationFailed or ErrorCodes.ConfirmationRequired => StatusCodes.Status400BadRequest,
        ErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.Conflict or ErrorCodes.BusinessClosed => StatusCodes.Status409Conflict,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemDetails Create(string code, string message, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var status = StatusFor(code);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = code switch
            {
                ErrorCodes.ValidationFailed => "The request is invalid.",
                ErrorCodes.ConfirmationRequired => "Please confirm.",
                ErrorCodes.Unauthenticated => "Authentication is required.",
                ErrorCodes.Forbidden => "You may not do this.",
                ErrorCodes.NotFound => "Not found.",
                ErrorCodes.Conflict => "Conflict.",
                ErrorCodes.BusinessClosed => "The business is closed.",
                ErrorCodes.RateLimited => "Too many requests.",
                _ => "Something went wrong on our side.",
            },
            Detail = message,
        };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }

    public static async Task WriteAsync(HttpContext http, string code, string message)
    {
        var problem = Create(code, message);
        http.Response.StatusCode = problem.Status!.Value;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
