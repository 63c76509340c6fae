namespace Dashboard.Domain.Common;

/// <summary>Stable error codes shared by REST (ProblemDetails <c>code</c>) and the real-time hub (<c>error</c> event).</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string NotFound = "NOT_FOUND";
    public const string Forbidden = "FORBIDDEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Conflict = "CONFLICT";
    public const string RateLimited = "RATE_LIMITED";
    public const string Internal = "INTERNAL";

    /// <summary>
    /// The command is valid but unusual enough to ask first (a payment dated far back): the same command with its
    /// confirmation flag set goes through (REST 400, with the field in <c>errors</c>).
    /// </summary>
    public const string ConfirmationRequired = "CONFIRMATION_REQUIRED";

    /// <summary>The business is closed: a customer's new order waits until it opens (REST 409).</summary>
    public const string BusinessClosed = "BUSINESS_CLOSED";

    /// <summary>Recovery cannot reach the asked position: pruned past retention, or newer than the log. The client resyncs.</summary>
    public const string GapTooOld = "GAP_TOO_OLD";
}
