using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 18: a customer's note for the agent and their place in the route's delivery order (route sheets).</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000018_RouteSheets")]
public sealed class RouteSheets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("Note", "Customers", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<int>("RouteOrder", "Customers", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("RouteOrder", "Customers");
        migrationBuilder.DropColumn("Note", "Customers");
    }
}
