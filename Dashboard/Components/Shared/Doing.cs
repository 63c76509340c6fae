namespace Dashboard.Components.Shared;

/// <summary>"Priya is editing…", "Priya and Arjun are typing…": who is doing something right now, in a sentence.</summary>
public static class Doing
{
    public static string? Sentence(IReadOnlyList<string> names, string doing) => names.Count switch
    {
        0 => null,
        1 => $"{names[0]} is {doing}…",
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]} are {doing}…",
    };
}
