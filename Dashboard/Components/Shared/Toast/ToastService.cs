namespace Dashboard.Components.Shared;

public enum ToastKind
{
    Success,
    Info,
    Warning,
    Error,
}

public sealed record Toast(Guid Id, ToastKind Kind, string Message, string? Title);

/// <summary>
/// Short messages for the user of one browser tab (scoped: one per circuit): "saved", "changed by someone else",
/// errors. Any component may raise one; the <see cref="ToastHost"/> in the layout shows them and lets them expire.
/// </summary>
public sealed class ToastService
{
    /// <summary>Older toasts give way, so a burst never covers the page.</summary>
    public const int MaxShown = 4;

    private readonly Lock _gate = new();
    private List<Toast> _toasts = [];

    public event Action? Changed;

    public IReadOnlyList<Toast> Current
    {
        get
        {
            lock (_gate)
            {
                return _toasts;
            }
        }
    }

    public Toast Show(ToastKind kind, string message, string? title = null)
    {
        var toast = new Toast(Guid.NewGuid(), kind, message, title);
        lock (_gate)
        {
            _toasts = [.. _toasts.TakeLast(MaxShown - 1), toast];
        }

        Changed?.Invoke();
        return toast;
    }

    public Toast Success(string message, string? title = null) => Show(ToastKind.Success, message, title);

    public Toast Info(string message, string? title = null) => Show(ToastKind.Info, message, title);

    /// <summary>An info toast unless the same message is already showing (several parts of a page may say it at once).</summary>
    public void InfoOnce(string message)
    {
        if (!Current.Any(t => t.Message == message))
        {
            Info(message);
        }
    }

    public Toast Warning(string message, string? title = null) => Show(ToastKind.Warning, message, title);

    public Toast Error(string message, string? title = null) => Show(ToastKind.Error, message, title);

    public void Dismiss(Guid id)
    {
        lock (_gate)
        {
            if (_toasts.All(t => t.Id != id))
            {
                return;
            }

            _toasts = _toasts.Where(t => t.Id != id).ToList();
        }

        Changed?.Invoke();
    }
}
