namespace Dashboard.Domain.Customers;

/// <summary>Fields are nullable so that a missing field is reported as a validation error, not a binder failure.</summary>
public sealed record CreateCustomer(
    string? Name,
    string? Phone,
    string? Address,
    string? Route,
    decimal? DefaultQuantity,
    decimal? PricePerLiter,
    bool? IsActive,
    string? Note = null);

/// <summary>A partial update: only the fields that are present change (<c>note: ""</c> clears the note).</summary>
public sealed record UpdateCustomer(
    string? Name,
    string? Phone,
    string? Address,
    string? Route,
    decimal? DefaultQuantity,
    decimal? PricePerLiter,
    bool? IsActive,
    int? Version,
    string? Note = null);

/// <param name="Sort">One of <see cref="CustomerSort.Keys"/>; null sorts by name.</param>
public sealed record CustomerQuery(string? Search, string? Route, bool? Active, int Page = 1, int PageSize = 50,
    string? Sort = null, bool Descending = false);

public static class CustomerSort
{
    public const string Name = "name";
    public const string Phone = "phone";
    public const string Route = "route";
    public const string DefaultQuantity = "defaultQuantity";
    public const string PricePerLiter = "pricePerLiter";
    public const string Balance = "balance";
    public const string Active = "active";

    public static readonly IReadOnlyList<string> Keys = [Name, Phone, Route, DefaultQuantity, PricePerLiter, Balance, Active];
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
