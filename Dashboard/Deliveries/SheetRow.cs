using System.Globalization;
using Dashboard.Domain.Deliveries;

namespace Dashboard.Deliveries;

/// <summary>
/// One row of the day sheet as this tab holds it: the latest entry known (from the database, our saves, or events) and,
/// apart from it, the quantity the input was given. While someone types in the input, a newer entry changes the row's
/// figures but not the input, so their keys are never overwritten; their save then carries the version they were shown.
/// </summary>
public sealed class SheetRow(DailyEntry entry, string? route, string? address = null)
{
    public DailyEntry Entry { get; private set; } = entry;

    public string? Route { get; set; } = route;

    public string? Address { get; set; } = address;

    /// <summary>The quantity the input was rendered with, and the version it came from (sent with the save).</summary>
    public decimal Shown { get; private set; } = entry.Quantity;

    public int ShownVersion { get; private set; } = entry.Version;

    /// <summary>Changes when the input must be rebuilt to show <see cref="Shown"/> over what is typed in it.</summary>
    public int InputGeneration { get; private set; }

    public bool Editing { get; set; }

    public bool Saving { get; set; }

    /// <summary>The domain's message for a refused write (the input keeps what was typed).</summary>
    public string? Error { get; set; }

    /// <summary>"Changed by … meanwhile": shown after a save lost a race.</summary>
    public string? Notice { get; set; }

    public bool ChangedMeanwhile => Entry.Version != ShownVersion && Entry.Quantity != Shown;

    public string ShownText => Shown.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Takes a newer entry. The input follows unless it is being edited or saved.</summary>
    public bool Apply(DailyEntry newer)
    {
        if (newer.Version < Entry.Version)
        {
            return false;
        }

        if (newer.Version == Entry.Version)
        {
            // Same entry; only the customer's name may have changed since.
            Entry = Entry with { CustomerName = newer.CustomerName };
            return false;
        }

        Entry = newer;
        if (!Editing && !Saving)
        {
            Follow();
        }

        return true;
    }

    /// <summary>Shows the entry's quantity in the input (after the edit ended or was saved).</summary>
    public void Follow()
    {
        if (Error is not null && Entry.Version != ShownVersion)
        {
            // What was typed was refused and the entry moved on since: show the entry, not the refused text.
            Error = null;
            InputGeneration++;
        }

        Shown = Entry.Quantity;
        ShownVersion = Entry.Version;
    }

    /// <summary>Replaces whatever is in the input with the current entry (a save that lost the race).</summary>
    public void Reset(DailyEntry current)
    {
        if (current.Version >= Entry.Version)
        {
            Entry = current;
        }

        Error = null;
        Shown = Entry.Quantity;
        ShownVersion = Entry.Version;
        InputGeneration++;
    }
}
