using System.Net;
using System.Text;
using Dashboard.Auth;
using Dashboard.Domain.Common;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>
/// Every REST endpoint × every role, generated from the rules table (<see cref="Permissions"/>) and the app's own
/// endpoint list: a new endpoint is covered the day it is mapped. A role without access gets 403 FORBIDDEN before its
/// body is read (the refused requests send a broken body); a role with access is let through (whatever the empty
/// request then earns: 400, 404, 200); a customer's "own" access holds for their customer and not for another's; and
/// nothing is written by any of it.
/// </summary>
public sealed class AuthorizationMatrixTests(DashboardApp app) : IClassFixture<DashboardApp>
{
    private static readonly string[] Public = ["POST /api/v1/auth/token"];

    [Fact]
    public void Every_api_endpoint_names_an_operation_of_the_rules_table_or_is_one_of_the_public_ones()
    {
        var endpoints = ApiEndpoints();
        Assert.NotEmpty(endpoints);
        var unnamed = endpoints.Where(e => e.Operation is null && !e.Anonymous).Select(e => e.Name).ToList();
        Assert.True(unnamed.Count == 0, "Endpoints without .Requires(Operation): " + string.Join(", ", unnamed));
        Assert.Equal(Public, endpoints.Where(e => e.Anonymous).Select(e => e.Name).Order());
        Assert.All(endpoints.Where(e => e.Operation is not null), e => Assert.False(e.Anonymous, e.Name));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Delivery)]
    [InlineData(Roles.Customer)]
    public async Task Each_role_reaches_exactly_the_endpoints_the_rules_table_gives_it(string role)
    {
        using var admin = await app.AdminClientAsync();
        var own = await ApiScenario.CreateCustomerAsync(admin, $"Matrix Own {role}");
        var other = await ApiScenario.CreateCustomerAsync(admin, $"Matrix Other {role}");
        var (client, me) = role == Roles.Admin
            ? (await app.AdminClientAsync(), await UserIdAsync(DashboardApp.AdminEmail))
            : await ClientForAsync(admin, role, own);
        using var _ = client;
        var before = await CountRowsAsync();
        var wrong = new List<string>();

        foreach (var endpoint in ApiEndpoints().Where(e => e.Operation is not null))
        {
            var access = Permissions.AccessOf(role, endpoint.Operation!.Value);
            var hasCustomer = endpoint.Pattern.StartsWith("/api/v1/customers/{id", StringComparison.Ordinal)
                || endpoint.Pattern.Contains("{customerId:guid}", StringComparison.Ordinal);
            var someone = Guid.NewGuid().ToString();
            // "Self": the path's user id is the caller's (let through) or another's (refused by the domain, also 403); with no
            // user in the path the endpoint acts on the caller's own (their notifications), so it is let through.
            var hasUser = endpoint.Pattern.Contains("{id}", StringComparison.Ordinal);
            var cases = (access, hasCustomer) switch
            {
                (Access.None, _) => [(other, someone, false)],
                (Access.Own, true) => [(own, someone, true), (other, someone, false)],
                (Access.Self, _) when hasUser => [(other, me, true), (other, someone, false)],
                _ => new[] { (other, someone, true) },
            };
            foreach (var (customer, user, allowed) in cases)
            {
                var path = endpoint.Pattern.Replace("{id:guid}", hasCustomer ? customer.ToString() : Guid.NewGuid().ToString())
                    .Replace("{customerId:guid}", customer.ToString()).Replace("{id}", user);
                path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+:guid\}", _ => Guid.NewGuid().ToString()); // a change's, a pause's id
                path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+:int\}", "999999"); // a route's id
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
                if (endpoint.Method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent(allowed || access == Access.Self ? "{}" : "{ not json", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var refused = response.StatusCode == HttpStatusCode.Forbidden && body.Contains("\"FORBIDDEN\"", StringComparison.Ordinal);
                var ok = allowed
                    ? response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500
                    : refused;
                if (!ok)
                {
                    wrong.Add($"{endpoint.Name} as {role} ({endpoint.Operation}: {access}{(hasCustomer ? customer == own ? ", own customer" : ", another customer" : "")}): "
                        + $"expected {(allowed ? "to be let through" : "403 FORBIDDEN")}, got {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public void The_readme_shows_the_rules_table_as_it_is()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        Assert.Contains(Permissions.Markdown(), readme, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, string UserId)> ClientForAsync(HttpClient admin, string role, Guid own)
    {
        var (email, password) = await ApiScenario.CreateUserAsync(admin, role, role == Roles.Customer ? own : null);
        return (await app.ClientAsync(email, password), await UserIdAsync(email));
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = app.Db();
        return (await db.Users.SingleAsync(u => u.Email == email)).Id;
    }

    private async Task<(int, int, int, int, int, int, int)> CountRowsAsync()
    {
        await using var db = app.Db();
        return (await db.Activity.CountAsync(), await db.Payments.CountAsync(), await db.DailyEntries.CountAsync(), await db.Customers.CountAsync(),
            await db.Users.CountAsync(), await db.Products.CountAsync(), await db.Notifications.CountAsync());
    }

    private sealed record ApiEndpoint(string Method, string Pattern, Operation? Operation, bool Anonymous)
    {
        public string Name => $"{Method} {Pattern}";
    }

    private List<ApiEndpoint> ApiEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new ApiEndpoint(m,
                e.RoutePattern.RawText!.TrimEnd('/'), e.Metadata.GetMetadata<RequiresOperation>()?.Operation,
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();
}
