namespace Dashboard.Domain.Customers;

/// <summary>Fields are nullable so that a missing field is reported as a validation error, not a binder failure.</summary>
public sealed record CreateCustomer(
    string? Name,
    string? Phone,
    string? Address,
    string? Route,
    decimal? DefaultQuantity,
    decimal? PricePerLiter,
    bool? IsActive);

/// <summary>A partial update: only the fields that are present change.</summary>
public sealed record UpdateCustomer(
    string? Name,
    string? Phone,
    string? Address,
    string? Route,
    decimal? DefaultQuantity,
    decimal? PricePerLiter,
    bool? IsActive,
    int? Version);

public sealed record CustomerQuery(string? Search, string? Route, bool? Active, int Page = 1, int PageSize = 50);

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);
