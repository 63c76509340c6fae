using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>
/// Schema version 17: subscriptions (days, shift, start), changes from a date and pauses. A customer without a row keeps
/// what they had: their default quantity every day, mornings, since always; no rows need writing.
/// </summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000017_Subscriptions")]
public sealed class Subscriptions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Subscriptions",
            columns: t => new
            {
                CustomerId = t.Column<Guid>(nullable: false),
                Pattern = t.Column<string>(maxLength: 16, nullable: false),
                Weekdays = t.Column<int>(nullable: false),
                Shift = t.Column<string>(maxLength: 16, nullable: false),
                StartDate = t.Column<DateOnly>(nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Subscriptions", x => x.CustomerId);
                t.ForeignKey("FK_Subscriptions_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SubscriptionChanges",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CustomerId = t.Column<Guid>(nullable: false),
                From = t.Column<DateOnly>(nullable: false),
                Quantity = t.Column<decimal>(precision: 8, scale: 3, nullable: true),
                PricePerLiter = t.Column<decimal>(precision: 10, scale: 2, nullable: true),
                Applied = t.Column<bool>(nullable: false),
                By = t.Column<string>(maxLength: 256, nullable: false),
                At = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_SubscriptionChanges", x => x.Id);
                t.ForeignKey("FK_SubscriptionChanges_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SubscriptionChanges_CustomerId_From", "SubscriptionChanges", ["CustomerId", "From"]);
        migrationBuilder.CreateIndex("IX_SubscriptionChanges_Applied_From", "SubscriptionChanges", ["Applied", "From"]);

        migrationBuilder.CreateTable(
            name: "SubscriptionPauses",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CustomerId = t.Column<Guid>(nullable: false),
                From = t.Column<DateOnly>(nullable: false),
                To = t.Column<DateOnly>(nullable: false),
                Reason = t.Column<string>(maxLength: 200, nullable: true),
                By = t.Column<string>(maxLength: 256, nullable: false),
                At = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_SubscriptionPauses", x => x.Id);
                t.ForeignKey("FK_SubscriptionPauses_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SubscriptionPauses_CustomerId_To", "SubscriptionPauses", ["CustomerId", "To"]);
        migrationBuilder.CreateIndex("IX_SubscriptionPauses_From_To", "SubscriptionPauses", ["From", "To"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("SubscriptionPauses");
        migrationBuilder.DropTable("SubscriptionChanges");
        migrationBuilder.DropTable("Subscriptions");
    }
}
