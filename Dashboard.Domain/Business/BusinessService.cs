using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Business;

/// <summary>The business's profile (Admin) and its open/closed status (Admin, Staff), read by every signed-in role.</summary>
public sealed class BusinessService(DomainWriter writer, BusinessClock clock)
{
    public const int MaxMessageLength = 200;

    public Task<BusinessProfile> GetAsync(Actor actor, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ReadBusiness);
        return writer.ReadAsync(async db =>
            ((await db.BusinessProfile.AsNoTracking().FirstOrDefaultAsync(b => b.Id == BusinessProfileEntity.SingletonId, ct)) ?? Initial())
            .ToModel(TimeZone), ct);
    }

    public Task<BusinessProfile> SetStatusAsync(Actor actor, SetBusinessStatus command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.SetBusinessStatus);
        var v = new Validation();
        var isOpen = v.Required("isOpen", command.IsOpen);
        var message = v.Text("message", command.Message, MaxMessageLength, required: false);
        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await LoadAsync(scope, ct);
            var wasOpen = entity.IsOpen;
            entity.IsOpen = isOpen!.Value;
            entity.StatusMessage = string.IsNullOrEmpty(message) ? null : message;
            entity.StatusChangedAt = scope.Now;
            entity.StatusChangedBy = scope.Actor.Name;
            entity.Version++;
            await scope.Db.SaveChangesAsync(ct);
            var profile = entity.ToModel(TimeZone);
            scope.Raise(new BusinessStatusChanged(profile));
            var what = entity.IsOpen ? (wasOpen ? "Business stays open" : "Opened the business") : (wasOpen ? "Closed the business" : "Business stays closed");
            scope.Log(entity.IsOpen ? "business.opened" : "business.closed", "business", entity.Id,
                entity.StatusMessage is { } m ? $"{what}: {m}" : what, null, after: profile);
            return profile;
        }, ct);
    }

    public Task<BusinessProfile> UpdateProfileAsync(Actor actor, UpdateBusinessProfile command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageBusiness);
        var v = new Validation();
        var name = command.Name is null ? null : v.Text("name", command.Name, 100, required: true);
        var phone = command.Phone is null ? null : v.Text("phone", command.Phone, 20, required: false);
        var address = command.Address is null ? null : v.Text("address", command.Address, 300, required: false, multiline: true);
        var hours = command.OpeningHours is null ? null : v.Text("openingHours", command.OpeningHours, 200, required: false, multiline: true);
        if (command is { Name: null, Phone: null, Address: null, OpeningHours: null })
        {
            v.Add("body", "Nothing to change: give at least one of name, phone, address, openingHours.");
        }

        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await LoadAsync(scope, ct);
            if (command.Version is { } expected && expected != entity.Version)
            {
                throw DomainException.Conflict($"The business profile was changed by someone else (version {entity.Version}); reload and try again.");
            }

            var before = entity.ToModel(TimeZone);
            entity.Name = name ?? entity.Name;
            entity.Phone = command.Phone is null ? entity.Phone : NullIfEmpty(phone);
            entity.Address = command.Address is null ? entity.Address : NullIfEmpty(address);
            entity.OpeningHours = command.OpeningHours is null ? entity.OpeningHours : NullIfEmpty(hours);
            entity.Version++;
            await scope.Db.SaveChangesAsync(ct);
            var profile = entity.ToModel(TimeZone);
            scope.Raise(new BusinessProfileChanged(profile));
            scope.Log("business.updated", "business", entity.Id, $"Updated the business profile ({profile.Name})", null, before, profile);
            return profile;
        }, ct);
    }

    /// <summary>
    /// Inside a write: refuses a customer's new order while the business is closed (<see cref="ErrorCodes.BusinessClosed"/>);
    /// staff still place them (a phone order taken for tomorrow).
    /// </summary>
    public static async Task EnsureOpenForAsync(WriteScope scope, Access access, CancellationToken ct)
    {
        if (access != Access.Own)
        {
            return;
        }

        var status = await scope.Db.BusinessProfile.AsNoTracking().Where(b => b.Id == BusinessProfileEntity.SingletonId)
            .Select(b => new { b.IsOpen, b.Name, b.StatusMessage }).FirstOrDefaultAsync(ct);
        if (status is { IsOpen: false })
        {
            throw new DomainException(ErrorCodes.BusinessClosed,
                $"{status.Name} is closed and not taking orders now{(status.StatusMessage is { } m ? $": {m}" : ".")}");
        }
    }

    /// <summary>The profile as a write sees it (a bill prints the business as it is when issued).</summary>
    public static async Task<BusinessProfile> ProfileOf(DashboardDbContext db, BusinessClock clock, CancellationToken ct) =>
        ((await db.BusinessProfile.AsNoTracking().FirstOrDefaultAsync(b => b.Id == BusinessProfileEntity.SingletonId, ct)) ?? Initial()).ToModel(clock.Zone.Id);

    private string TimeZone => clock.Zone.Id;

    // The migration inserts the row; a database made some other way gets it on its first write.
    private static async Task<BusinessProfileEntity> LoadAsync(WriteScope scope, CancellationToken ct)
    {
        var entity = await scope.Db.BusinessProfile.FirstOrDefaultAsync(b => b.Id == BusinessProfileEntity.SingletonId, ct);
        if (entity is null)
        {
            entity = Initial();
            scope.Db.BusinessProfile.Add(entity);
        }

        return entity;
    }

    private static BusinessProfileEntity Initial() => new() { Id = BusinessProfileEntity.SingletonId, Name = "My dairy", IsOpen = true, Version = 1 };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
