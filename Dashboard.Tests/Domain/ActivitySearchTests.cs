using Dashboard.Domain.Activity;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain;

/// <summary>The activity page's and the API's search: filters, paging and day bounds in the business's time zone.</summary>
public sealed class ActivitySearchTests : IAsyncLifetime
{
    private static readonly Actor HubStaff = new("hub-1", "Hari Hub", Roles.Staff, Channel.Hub);
    private DomainHarness _h = null!;

    public async Task InitializeAsync() => _h = await DomainHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<ActivityResults> SearchAsync(ActivityQuery query) => _h.Activity.SearchAsync(DomainHarness.Staff, query);

    [Fact]
    public async Task Each_filter_narrows_the_feed_to_the_matching_entries()
    {
        var customer = await _h.CreateCustomerAsync("Filter Farida");                 // admin, api: customer.created
        await _h.PayAsync(customer.Id, 100m);                                         // staff, web: payment.added
        await _h.Customers.UpdateAsync(HubStaff, customer.Id, new UpdateCustomer(null, null, null, null, null, 61m, null, null)); // hub: customer.updated

        Assert.Equal(3, (await SearchAsync(new())).Total);
        Assert.Equal(["customer.updated"], Actions(await SearchAsync(new(User: "hub-1"))));
        Assert.Equal(["customer.updated"], Actions(await SearchAsync(new(User: "Hari Hub"))));
        Assert.Equal(["customer.updated", "customer.created"], Actions(await SearchAsync(new(EntityType: "customer"))));
        Assert.Equal(["payment.added"], Actions(await SearchAsync(new(Action: "payment.added"))));
        Assert.Equal(["customer.created"], Actions(await SearchAsync(new(Channel: Channel.Api))));
        Assert.Equal(["customer.updated", "customer.created"], Actions(await SearchAsync(new(Search: "CUSTOMER filter"))));
        Assert.Empty((await SearchAsync(new(Channel: Channel.Api, EntityType: "payment"))).Items);
        Assert.Equal(["payment.added"], Actions(await SearchAsync(new(User: DomainHarness.Staff.UserId, Channel: Channel.Web, EntityType: "payment"))));
    }

    [Fact]
    public async Task Search_text_is_taken_literally()
    {
        await _h.CreateCustomerAsync("Hundred % Hema");
        await _h.CreateCustomerAsync("Plain Padma");

        Assert.Equal(["Created customer Hundred % Hema"], (await SearchAsync(new(Search: "d % h"))).Items.Select(i => i.Summary));
        Assert.Empty((await SearchAsync(new(Search: "_"))).Items);
    }

    [Fact]
    public async Task Days_are_whole_days_in_the_business_time_zone()
    {
        // IST is UTC+5:30: 18:29 UTC is 23:59 on the 21st there, 18:31 UTC is 00:01 on the 22nd.
        _h.Time.Set(new DateTimeOffset(2026, 11, 21, 18, 29, 0, TimeSpan.Zero));
        await _h.CreateCustomerAsync("Late Lata");
        _h.Time.Set(new DateTimeOffset(2026, 11, 21, 18, 31, 0, TimeSpan.Zero));
        await _h.CreateCustomerAsync("Early Esha");
        var nov21 = new DateOnly(2026, 11, 21);
        var nov22 = nov21.AddDays(1);

        Assert.Equal(["Created customer Late Lata"], Summaries(await SearchAsync(new(From: nov21, To: nov21))));
        Assert.Equal(["Created customer Early Esha"], Summaries(await SearchAsync(new(From: nov22, To: nov22))));
        Assert.Equal(["Created customer Early Esha"], Summaries(await SearchAsync(new(From: nov22))));
        Assert.Equal(["Created customer Late Lata"], Summaries(await SearchAsync(new(To: nov21))));
        Assert.Equal(2, (await SearchAsync(new(From: nov21, To: nov22))).Total);

        var (from, to) = new ActivityQuery(From: nov22, To: nov22).Bounds(_h.Clock);
        Assert.Equal((new DateTime(2026, 11, 21, 18, 30, 0), new DateTime(2026, 11, 22, 18, 30, 0)), (from, to));
        // The live page's test agrees with the database's.
        var all = (await SearchAsync(new())).Items;
        Assert.Equal(["Created customer Early Esha"], all.Where(e => new ActivityQuery(From: nov22, To: nov22).Matches(e, _h.Clock)).Select(e => e.Summary));
    }

    [Fact]
    public async Task Pages_come_newest_first_or_oldest_first_with_the_total()
    {
        for (var i = 0; i < 7; i++)
        {
            _h.Time.Set(DomainHarness.DefaultNow.AddMinutes(i));
            await _h.CreateCustomerAsync($"Page {i}");
        }

        var second = await SearchAsync(new(Page: 2, PageSize: 3));
        Assert.Equal((7, 2, 3), (second.Total, second.PageNumber, second.PageSize));
        Assert.Equal(["Created customer Page 3", "Created customer Page 2", "Created customer Page 1"], Summaries(second));
        Assert.Equal(["Created customer Page 6"], Summaries(await SearchAsync(new(Page: 3, PageSize: 3, OldestFirst: true))));
        Assert.Empty((await SearchAsync(new(Page: 4, PageSize: 3))).Items);
    }

    [Theory]
    [InlineData(0, 50, "page")]
    [InlineData(1, 0, "pageSize")]
    [InlineData(1, 501, "pageSize")]
    public async Task A_bad_page_is_a_field_error(int page, int pageSize, string field)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => SearchAsync(new(Page: page, PageSize: pageSize)));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task From_after_to_is_a_field_error_on_to()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => SearchAsync(new(From: new DateOnly(2026, 11, 22), To: new DateOnly(2026, 11, 21))));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("to must be on or after from.", Assert.Single(error.Errors["to"]));
    }

    [Fact]
    public async Task Only_admins_and_staff_may_read_the_feed_or_its_filter_options()
    {
        var customer = await _h.CreateCustomerAsync();
        foreach (var actor in new[] { DomainHarness.Delivery, DomainHarness.Customer(customer.Id) })
        {
            Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => _h.Activity.SearchAsync(actor, new()))).Code);
            Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => _h.Activity.FilterOptionsAsync(actor))).Code);
        }
    }

    [Fact]
    public async Task The_filter_options_are_the_users_entities_and_actions_present()
    {
        var customer = await _h.CreateCustomerAsync();
        await _h.PayAsync(customer.Id, 50m);
        await _h.PayAsync(customer.Id, 20m);

        var options = await _h.Activity.FilterOptionsAsync(DomainHarness.Admin);

        Assert.Equal([("admin-1", "Asha Admin"), ("staff-1", "Sunil Staff")], options.Users.Select(u => (u.Id, u.Name)));
        Assert.Equal(["customer", "payment"], options.EntityTypes);
        Assert.Equal(["customer.created", "payment.added"], options.Actions);
    }

    [Fact]
    public async Task An_edit_shows_the_fields_that_changed_and_a_create_every_field()
    {
        var customer = await _h.CreateCustomerAsync("Diff Divya", price: 55m);
        await _h.EnsureRouteAsync("South");
        await _h.Customers.UpdateAsync(DomainHarness.Staff, customer.Id, new UpdateCustomer(null, null, null, "South", null, 60m, null, customer.Version));
        var items = (await SearchAsync(new(EntityType: "customer"))).Items;

        var edit = ActivityChanges.Of(items[0]);
        Assert.Equal([("route", "Jayanagar", "South"), ("pricePerLiter", "55", "60")],
            edit.Select(c => (c.Field, c.Before, c.After)).OrderByDescending(c => c.Field));
        var create = ActivityChanges.Of(items[1]);
        Assert.Contains(create, c => c is { Field: "name", Before: null, After: "Diff Divya" });
        Assert.Contains(create, c => c is { Field: "pricePerLiter", After: "55" });
    }

    [Fact]
    public void Secrets_never_show_in_the_changes()
    {
        var changes = ActivityChanges.Of("""{"email":"a@b.c","passwordHash":"x","token":"t","nested":{"apiKey":"k","role":"Staff"}}""",
            """{"email":"d@b.c","passwordHash":"y","token":"u","nested":{"apiKey":"l","role":"Admin"}}""");

        Assert.Equal([("email", "a@b.c", "d@b.c"), ("nested.role", "Staff", "Admin")], changes.Select(c => (c.Field, c.Before, c.After)));
        Assert.Empty(ActivityChanges.Of("not json", null));
    }

    private static string[] Actions(ActivityResults page) => [.. page.Items.Select(i => i.Action)];

    private static string[] Summaries(ActivityResults page) => [.. page.Items.Select(i => i.Summary)];
}
