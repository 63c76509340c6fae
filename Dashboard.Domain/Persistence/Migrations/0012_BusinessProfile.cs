using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 12: the business's profile and open/closed status, one row, open from the start.</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000012_BusinessProfile")]
public sealed class BusinessProfile : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "BusinessProfile",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Phone = t.Column<string>(maxLength: 20, nullable: true),
                Address = t.Column<string>(maxLength: 300, nullable: true),
                OpeningHours = t.Column<string>(maxLength: 200, nullable: true),
                IsOpen = t.Column<bool>(nullable: false),
                StatusMessage = t.Column<string>(maxLength: 200, nullable: true),
                StatusChangedAt = t.Column<DateTime>(nullable: true),
                StatusChangedBy = t.Column<string>(maxLength: 256, nullable: true),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_BusinessProfile", x => x.Id));

        // One business per installation; its owner names it on the Settings page.
        // (Hand-written migrations have no model snapshot, so the row names its column types.)
        string[] types = migrationBuilder.IsSqlite() ? ["INTEGER", "TEXT", "INTEGER", "INTEGER"] : ["integer", "character varying(100)", "boolean", "integer"];
        migrationBuilder.InsertData("BusinessProfile", ["Id", "Name", "IsOpen", "Version"], types, [1, "My dairy", true, 1]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("BusinessProfile");
}
