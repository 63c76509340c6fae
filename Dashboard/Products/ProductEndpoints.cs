using System.Security.Claims;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Domain.Products;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Products;

public static class ProductEndpoints
{
    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/products").WithTags("Products").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/", List).Requires(Operation.ReadProducts)
            .WithSummary("The product catalog by name: the active products; includeInactive=true (Admin, Staff) lists withdrawn ones too.");
        api.MapGet("/{id:guid}", Get).Requires(Operation.ReadProducts).WithSummary("One product, active or not.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", Create).Requires(Operation.ManageProducts)
            .WithSummary("Add a product {name, unit: L | kg | piece, price per unit} (Admin, Staff); a name already taken, in any case, is 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/{id:guid}", Update).Requires(Operation.ManageProducts)
            .WithSummary("Change a product's name, unit, price or active flag; absent fields stay as they are; with a version, only that version (409 otherwise).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<Product>>> List(ProductService products, ClaimsPrincipal user, CancellationToken ct,
        bool includeInactive = false) =>
        TypedResults.Ok(await products.ListAsync(user.ToActor(Channel.Api), includeInactive, ct));

    public static async Task<Ok<Product>> Get(Guid id, ProductService products, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await products.GetAsync(user.ToActor(Channel.Api), id, ct));

    public static async Task<Created<Product>> Create(CreateProduct body, ProductService products, ClaimsPrincipal user, CancellationToken ct)
    {
        var product = await products.CreateAsync(user.ToActor(Channel.Api), body, ct);
        return TypedResults.Created($"/api/v1/products/{product.Id}", product);
    }

    public static async Task<Ok<Product>> Update(Guid id, UpdateProduct body, ProductService products, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await products.UpdateAsync(user.ToActor(Channel.Api), id, body, ct));
}
