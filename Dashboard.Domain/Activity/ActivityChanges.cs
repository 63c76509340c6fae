using System.Globalization;
using System.Text.Json;

namespace Dashboard.Domain.Activity;

/// <summary>One field of an entry's before/after record: its old and new value as text (null when absent).</summary>
public sealed record FieldChange(string Field, string? Before, string? After)
{
    public bool Changed => Before != After;
}

/// <summary>
/// Reads an entry's Before/After JSON as fields: for an edit, the fields that changed; for a create (no Before), every
/// field of the record. Secrets never leave here, whatever a record carried.
/// </summary>
public static class ActivityChanges
{
    // Bookkeeping that changes on every edit and says nothing about what the user changed.
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.OrdinalIgnoreCase) { "version", "updatedAt", "updatedBy" };

    private static readonly string[] SecretWords = ["password", "secret", "token", "hash", "stamp", "apikey"];

    public static bool IsSecret(string field) =>
        SecretWords.Any(w => field.Contains(w, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<FieldChange> Of(ActivityLog entry) => Of(entry.Before, entry.After);

    public static IReadOnlyList<FieldChange> Of(string? before, string? after)
    {
        var old = Fields(before);
        var now = Fields(after);
        if (old is null && now is null)
        {
            return [];
        }

        if (old is null || now is null)
        {
            // A create (or a removal): the one record there is, field by field.
            return (now ?? old)!.Select(f => now is null ? new FieldChange(f.Key, f.Value, null) : new FieldChange(f.Key, null, f.Value)).ToList();
        }

        return old.Keys.Concat(now.Keys.Where(k => !old.ContainsKey(k)))
            .Where(k => !Bookkeeping.Contains(k))
            .Select(k => new FieldChange(k, old.GetValueOrDefault(k), now.GetValueOrDefault(k)))
            .Where(c => c.Changed)
            .ToList();
    }

    /// <summary>The record's fields in their written order; nested objects flattened as <c>parent.child</c>. Null for no record or not an object.</summary>
    private static Dictionary<string, string?>? Fields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            Flatten(doc.RootElement, "", fields);
            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> into)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            if (IsSecret(property.Name))
            {
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, name + ".", into);
                continue;
            }

            into[name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => property.Value.GetString(),
                // 55.0 (read back from the database) and 55 (as typed) are the same price.
                JsonValueKind.Number when property.Value.TryGetDecimal(out var number) =>
                    number.ToString("0.############################", CultureInfo.InvariantCulture),
                _ => property.Value.GetRawText(),
            };
        }
    }
}
