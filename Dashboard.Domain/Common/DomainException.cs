namespace Dashboard.Domain.Common;

/// <summary>A rejected command: nothing was written. Transports map <see cref="Code"/> to their own error shape.</summary>
public sealed class DomainException(string code, string message, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    /// <summary>What to show beside a single input: the first field error, or the message when no field explains it.</summary>
    public string FirstError => Errors.Values.SelectMany(m => m).FirstOrDefault() ?? Message;

    public static DomainException NotFound(string what, object id) => new(ErrorCodes.NotFound, $"{what} {id} was not found.");

    public static DomainException Forbidden(string message) => new(ErrorCodes.Forbidden, message);

    public static DomainException Conflict(string message) => new(ErrorCodes.Conflict, message);
}
