namespace Dashboard.Domain.Persistence;

/// <summary>
/// A generated secret the installation must keep across restarts (e.g. the token signing key), stored with the
/// data so that one backup of the database restores a working installation.
/// </summary>
public sealed class AppSecret
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
