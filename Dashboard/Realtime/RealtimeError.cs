using Dashboard.Domain.Common;

namespace Dashboard.Realtime;

/// <summary>The <c>error</c> event's payload, and (wrapped as <c>{ error }</c>) the result of a rejected call.</summary>
public sealed record RealtimeError(string Message, string Code)
{
    public static RealtimeError From(Exception exception) => exception switch
    {
        DomainException d => new(d.Message, d.Code),
        OperationCanceledException => new("The request was cancelled.", ErrorCodes.Internal),
        _ => new("An unexpected error occurred. It has been logged.", ErrorCodes.Internal),
    };

    public static RealtimeError RateLimited() => new("Too many messages; slow down.", ErrorCodes.RateLimited);
}

public sealed record RealtimeFailure(RealtimeError Error);
