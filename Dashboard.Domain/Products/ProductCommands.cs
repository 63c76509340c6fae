namespace Dashboard.Domain.Products;

/// <summary>Fields are nullable so that a missing field is reported as a validation error, not a binder failure.</summary>
public sealed record CreateProduct(string? Name, string? Unit, decimal? Price);

/// <summary>A partial update: only the fields that are present change; with a version, only that version.</summary>
public sealed record UpdateProduct(string? Name, string? Unit, decimal? Price, bool? IsActive, int? Version);
