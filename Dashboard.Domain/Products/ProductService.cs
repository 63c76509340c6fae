using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Products;

/// <summary>The catalog of extras a customer can order (curd, paneer, ghee, extra milk).</summary>
public sealed class ProductService(DomainWriter writer)
{
    public const int MaxNameLength = 100;
    public const decimal MaxPrice = 10_000m;
    public const decimal MaxMinStock = 1_000_000m;

    public Task<Product> CreateAsync(Actor actor, CreateProduct command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageProducts);
        var v = new Validation();
        var name = v.Text("name", command.Name, MaxNameLength, required: true);
        var unit = ValidUnit(v, command.Unit, required: true);
        var price = ValidPrice(v, v.Required("price", command.Price));
        v.Range("minStock", command.MinStock, 0, MaxMinStock);
        ValidDailyMilk(v, command.DailyMilk, unit);
        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var entity = new ProductEntity
            {
                Id = Guid.CreateVersion7(),
                Name = name!,
                NormalizedName = ProductEntity.Normalize(name!),
                Unit = unit!,
                Price = price!.Value,
                IsActive = true,
                CreatedAt = scope.Now,
                UpdatedAt = scope.Now,
                Version = 1,
                MinStock = MinStockOf(command.MinStock),
            };
            await EnsureNameFreeAsync(scope, entity, ct);
            if (command.DailyMilk == true)
            {
                await TakeDailyMilkAsync(scope, entity, ct);
            }

            scope.Db.Products.Add(entity);
            await SaveAsync(scope, entity, ct);
            var product = entity.ToModel();
            scope.Raise(new ProductChanged(product, Created: true));
            scope.Log("product.created", "product", entity.Id, $"Created product {entity.Name}", null, after: product);
            return product;
        }, ct);
    }

    public Task<Product> UpdateAsync(Actor actor, Guid id, UpdateProduct command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageProducts);
        var v = new Validation();
        var name = command.Name is null ? null : v.Text("name", command.Name, MaxNameLength, required: true);
        var unit = ValidUnit(v, command.Unit, required: false);
        var price = ValidPrice(v, command.Price);
        v.Range("minStock", command.MinStock, 0, MaxMinStock);
        if (command is { Name: null, Unit: null, Price: null, IsActive: null, MinStock: null, DailyMilk: null })
        {
            v.Add("body", "Nothing to change: give at least one of name, unit, price, isActive, minStock, dailyMilk.");
        }

        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await scope.Db.Products.FirstOrDefaultAsync(p => p.Id == id, ct)
                ?? throw DomainException.NotFound("Product", id);
            if (command.Version is { } expected && expected != entity.Version)
            {
                throw DomainException.Conflict($"Product {entity.Name} was changed by someone else (version {entity.Version}); reload and try again.");
            }

            var before = entity.ToModel();
            if (name is not null)
            {
                entity.Name = name;
                entity.NormalizedName = ProductEntity.Normalize(name);
                await EnsureNameFreeAsync(scope, entity, ct);
            }

            entity.Unit = unit ?? entity.Unit;
            entity.Price = price ?? entity.Price;
            entity.IsActive = command.IsActive ?? entity.IsActive;
            entity.MinStock = command.MinStock is null ? entity.MinStock : MinStockOf(command.MinStock);
            var dailyMilk = new Validation();
            ValidDailyMilk(dailyMilk, command.DailyMilk ?? (entity.IsDailyMilk ? true : null), entity.Unit);
            dailyMilk.ThrowIfInvalid();
            if (command.DailyMilk == true && !entity.IsDailyMilk)
            {
                await TakeDailyMilkAsync(scope, entity, ct);
            }
            else if (command.DailyMilk == false)
            {
                entity.IsDailyMilk = false;
            }

            entity.UpdatedAt = scope.Now;
            entity.Version++;
            await SaveAsync(scope, entity, ct);
            var product = entity.ToModel();
            scope.Raise(new ProductChanged(product, Created: false));
            scope.Log("product.updated", "product", entity.Id, $"Updated product {entity.Name}", null, before, product);
            return product;
        }, ct);
    }

    /// <summary>
    /// The catalog by name: what can be ordered, or with <paramref name="includeInactive"/> (for those who manage it)
    /// the withdrawn products too.
    /// </summary>
    public Task<IReadOnlyList<Product>> ListAsync(Actor actor, bool includeInactive = false, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadProducts);
        if (includeInactive)
        {
            Guard.Require(actor, Operation.ManageProducts);
        }

        return writer.ReadAsync<IReadOnlyList<Product>>(async db =>
        {
            var rows = await db.Products.AsNoTracking().Where(p => includeInactive || p.IsActive).OrderBy(p => p.NormalizedName).ToListAsync(ct);
            return rows.Select(p => p.ToModel()).ToList();
        }, ct);
    }

    /// <summary>One product, an inactive one too (an order placed before it was withdrawn still names it).</summary>
    public Task<Product> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadProducts);
        return writer.ReadAsync(async db =>
            (await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct))?.ToModel()
            ?? throw DomainException.NotFound("Product", id), ct);
    }

    private static async Task EnsureNameFreeAsync(WriteScope scope, ProductEntity entity, CancellationToken ct)
    {
        if (await scope.Db.Products.AnyAsync(p => p.NormalizedName == entity.NormalizedName && p.Id != entity.Id, ct))
        {
            throw NameTaken(entity.Name);
        }
    }

    private static async Task SaveAsync(WriteScope scope, ProductEntity entity, CancellationToken ct)
    {
        try
        {
            await scope.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Conflict($"Product {entity.Name} was changed by someone else; reload and try again.");
        }
        catch (DbUpdateException)
        {
            // The unique index on the name: another instance took it between our check and our write.
            throw NameTaken(entity.Name);
        }
    }

    /// <summary>
    /// Marks the product as the daily milk, taking the mark from the product that had it (saved first: the database
    /// holds at most one marked product, and checks that row by row).
    /// </summary>
    private static async Task TakeDailyMilkAsync(WriteScope scope, ProductEntity entity, CancellationToken ct)
    {
        var previous = await scope.Db.Products.Where(p => p.IsDailyMilk && p.Id != entity.Id).ToListAsync(ct);
        foreach (var other in previous)
        {
            var before = other.ToModel();
            other.IsDailyMilk = false;
            other.UpdatedAt = scope.Now;
            other.Version++;
            await SaveAsync(scope, other, ct);
            var after = other.ToModel();
            scope.Raise(new ProductChanged(after, Created: false));
            scope.Log("product.updated", "product", other.Id, $"{other.Name} is no longer the daily milk", null, before, after);
        }

        entity.IsDailyMilk = true;
    }

    private static void ValidDailyMilk(Validation v, bool? dailyMilk, string? unit)
    {
        if (dailyMilk == true && unit is not null && unit != ProductUnits.Liter)
        {
            v.Add("dailyMilk", $"The daily milk is counted in liters: its unit must be {ProductUnits.Liter}.");
        }
    }

    /// <summary>0 means no minimum, stored as none: one way to say it.</summary>
    private static decimal? MinStockOf(decimal? minStock) => minStock is > 0 ? minStock : null;

    private static DomainException NameTaken(string name) =>
        DomainException.Conflict($"There is already a product named {name}; product names are unique, whatever their case.");

    private static string? ValidUnit(Validation v, string? unit, bool required)
    {
        if (unit is null)
        {
            if (required)
            {
                v.Add("unit", "Unit is required.");
            }

            return null;
        }

        var parsed = ProductUnits.Parse(unit);
        if (parsed is null)
        {
            v.Add("unit", $"Unit must be one of {string.Join(", ", ProductUnits.All)}.");
        }

        return parsed;
    }

    private static decimal? ValidPrice(Validation v, decimal? price)
    {
        v.Range("price", price, 0, MaxPrice, minExclusive: true);
        // Range already refuses more than 3 decimal places; a price is to the paisa.
        if (price is { } p && p > 0 && p <= MaxPrice && decimal.Round(p, 3) == p && decimal.Round(p, 2) != p)
        {
            v.Add("price", "Price has more than 2 decimal places.");
        }

        return price;
    }
}
