using System.Text.RegularExpressions;
using Dashboard.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Offers;

/// <summary>Offers (Admin, Staff manage them; customers see the ones they can use today) and what one takes off an order.</summary>
public sealed partial class OfferService(DomainWriter writer, BusinessClock clock)
{
    public const decimal MaxFixed = 100_000m;

    public Task<Offer> CreateAsync(Actor actor, CreateOffer command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageOffers);
        var v = new Validation();
        var code = ValidCode(v, command.Code);
        var description = v.Text("description", command.Description, 200, required: true);
        var type = ValidType(v, command.DiscountType, required: true);
        var value = v.Required("discountValue", command.DiscountValue);
        ValidValue(v, type, value);
        var min = ValidMin(v, command.MinOrder);
        ValidPeriod(v, command.ValidFrom, command.ValidTo);
        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            if (await scope.Db.Offers.AnyAsync(o => o.Code == code, ct))
            {
                throw DomainException.Conflict($"There is already an offer {code}; codes are unique.");
            }

            var entity = new OfferEntity
            {
                Id = Guid.CreateVersion7(),
                Code = code!,
                Description = description!,
                DiscountType = type!.Value,
                DiscountValue = value!.Value,
                MinOrder = min ?? 0,
                ValidFrom = command.ValidFrom,
                ValidTo = command.ValidTo,
                IsActive = command.IsActive ?? true,
                CreatedAt = scope.Now,
                UpdatedAt = scope.Now,
                Version = 1,
            };
            scope.Db.Offers.Add(entity);
            await SaveAsync(scope, entity, ct);
            var offer = entity.ToModel();
            scope.Raise(new OfferChanged(offer, Created: true));
            if (offer.IsActive)
            {
                scope.Raise(new OfferActivated(offer));
            }

            scope.Log("offer.created", "offer", entity.Id, $"Created offer {offer.Code}: {offer.Description}{(offer.IsActive ? "" : " (inactive)")}", null, after: offer);
            return offer;
        }, ct);
    }

    public Task<Offer> UpdateAsync(Actor actor, Guid id, UpdateOffer command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageOffers);
        var v = new Validation();
        var description = command.Description is null ? null : v.Text("description", command.Description, 200, required: true);
        var type = ValidType(v, command.DiscountType, required: false);
        var min = ValidMin(v, command.MinOrder);
        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await scope.Db.Offers.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw DomainException.NotFound("Offer", id);
            if (command.Version is { } expected && expected != entity.Version)
            {
                throw DomainException.Conflict($"Offer {entity.Code} was changed by someone else (version {entity.Version}); reload and try again.");
            }

            var before = entity.ToModel();
            var checks = new Validation();
            var newType = type ?? entity.DiscountType;
            var newValue = command.DiscountValue ?? entity.DiscountValue;
            ValidValue(checks, newType, newValue);
            var from = command.ClearValidFrom ? null : command.ValidFrom ?? entity.ValidFrom;
            var to = command.ClearValidTo ? null : command.ValidTo ?? entity.ValidTo;
            ValidPeriod(checks, from, to);
            checks.ThrowIfInvalid();

            entity.Description = description ?? entity.Description;
            entity.DiscountType = newType;
            entity.DiscountValue = newValue;
            entity.MinOrder = min ?? entity.MinOrder;
            entity.ValidFrom = from;
            entity.ValidTo = to;
            entity.IsActive = command.IsActive ?? entity.IsActive;
            entity.UpdatedAt = scope.Now;
            entity.Version++;
            await SaveAsync(scope, entity, ct);
            var offer = entity.ToModel();
            scope.Raise(new OfferChanged(offer, Created: false));
            if (offer.IsActive && !before.IsActive)
            {
                scope.Raise(new OfferActivated(offer));
            }

            var what = offer.IsActive == before.IsActive ? "Updated" : offer.IsActive ? "Activated" : "Deactivated";
            scope.Log("offer.updated", "offer", entity.Id, $"{what} offer {offer.Code}", null, before, offer);
            return offer;
        }, ct);
    }

    /// <summary>Staff: every offer, newest first. A customer: the ones they can use today.</summary>
    public Task<IReadOnlyList<Offer>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadOffers);
        var all = Guard.Allows(actor, Operation.ManageOffers);
        var today = clock.Today;
        return writer.ReadAsync<IReadOnlyList<Offer>>(async db =>
        {
            var q = db.Offers.AsNoTracking();
            if (!all)
            {
                q = q.Where(o => o.IsActive && (o.ValidFrom == null || o.ValidFrom <= today) && (o.ValidTo == null || o.ValidTo >= today));
            }

            var rows = await q.OrderByDescending(o => o.CreatedAt).ToListAsync(ct);
            return rows.Select(o => o.ToModel()).ToList();
        }, ct);
    }

    /// <summary>
    /// Inside an order's write: what <paramref name="code"/> takes off <paramref name="subtotal"/> for an order placed
    /// today, or a field error on <c>offerCode</c> (unknown, inactive, not yet or no longer valid, below its minimum).
    /// </summary>
    public static async Task<(Offer Offer, decimal Discount)> ApplyAsync(WriteScope scope, string code, decimal subtotal, CancellationToken ct)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var offer = (await scope.Db.Offers.AsNoTracking().FirstOrDefaultAsync(o => o.Code == normalized, ct))?.ToModel();
        var today = scope.Clock.Today;
        var problem = offer switch
        {
            null => $"There is no offer {normalized}.",
            { IsActive: false } => $"Offer {offer.Code} is not active.",
            { ValidFrom: { } from } when today < from => $"Offer {offer.Code} starts on {from:yyyy-MM-dd}.",
            { ValidTo: { } to } when today > to => $"Offer {offer.Code} ended on {to:yyyy-MM-dd}.",
            _ when subtotal < offer.MinOrder => $"Offer {offer.Code} needs an order of at least {offer.MinOrder:0.00} (this one is {subtotal:0.00}).",
            _ => null,
        };
        if (problem is not null)
        {
            new Validation().Add("offerCode", problem).ThrowIfInvalid();
        }

        var discount = offer!.DiscountType == DiscountType.Percent
            ? Money.Round(subtotal * offer.DiscountValue / 100m)
            : Math.Min(offer.DiscountValue, subtotal);
        return (offer, discount);
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{2,19}$")]
    private static partial Regex CodePattern();

    private static string? ValidCode(Validation v, string? code)
    {
        var normalized = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(normalized))
        {
            v.Add("code", "Code is required.");
            return null;
        }

        if (!CodePattern().IsMatch(normalized))
        {
            v.Add("code", "Code must be 3 to 20 letters, digits, '-' or '_' (e.g. DIWALI10).");
            return null;
        }

        return normalized;
    }

    private static DiscountType? ValidType(Validation v, string? type, bool required)
    {
        switch (type?.Trim().ToLowerInvariant())
        {
            case null or "":
                if (required)
                {
                    v.Add("discountType", "Discount type is required: percent or fixed.");
                }

                return null;
            case "percent":
                return DiscountType.Percent;
            case "fixed":
                return DiscountType.Fixed;
            default:
                v.Add("discountType", "Discount type must be percent or fixed.");
                return null;
        }
    }

    private static void ValidValue(Validation v, DiscountType? type, decimal? value)
    {
        if (value is not { } x)
        {
            return;
        }

        if (decimal.Round(x, 2) != x)
        {
            v.Add("discountValue", "Discount has more than 2 decimal places.");
        }
        else if (type == DiscountType.Percent)
        {
            v.Range("discountValue", value, 0, 100, minExclusive: true);
        }
        else
        {
            v.Range("discountValue", value, 0, MaxFixed, minExclusive: true);
        }
    }

    private static decimal? ValidMin(Validation v, decimal? min)
    {
        if (min is { } m && (m < 0 || m > MaxFixed || decimal.Round(m, 2) != m))
        {
            v.Add("minOrder", $"Minimum order must be between 0 and {MaxFixed:0}, with at most 2 decimal places.");
        }

        return min;
    }

    private static void ValidPeriod(Validation v, DateOnly? from, DateOnly? to)
    {
        v.ReadableDay("validFrom", from);
        v.ReadableDay("validTo", to);
        if (from is { } f && to is { } t && t < f)
        {
            v.Add("validTo", "The end date is before the start date.");
        }
    }

    private static async Task SaveAsync(WriteScope scope, OfferEntity entity, CancellationToken ct)
    {
        try
        {
            await scope.Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Conflict($"Offer {entity.Code} was changed by someone else; reload and try again.");
        }
        catch (DbUpdateException)
        {
            throw DomainException.Conflict($"There is already an offer {entity.Code}; codes are unique.");
        }
    }
}
