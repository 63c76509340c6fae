using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>
/// Schema version 15: a customer's phone digits, for search however the number is typed. Existing numbers get their
/// digits as stored (separators and + dropped); a number saved before without its country code keeps it missing until
/// it is next edited, and search compares without the country code, so both are found.
/// </summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000015_PhoneDigits")]
public sealed class PhoneDigits : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("PhoneDigits", "Customers", maxLength: 15, nullable: true);
        migrationBuilder.Sql("""
            UPDATE "Customers" SET "PhoneDigits" = substr(
                replace(replace(replace(replace(replace(replace("Phone", ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', ''), 1, 15)
            WHERE "Phone" IS NOT NULL
            """);
        migrationBuilder.CreateIndex("IX_Customers_PhoneDigits", "Customers", "PhoneDigits");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Customers_PhoneDigits", "Customers");
        migrationBuilder.DropColumn("PhoneDigits", "Customers");
    }
}
