using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 13: offers, and the offer an order was placed with and what it took off.</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000013_Offers")]
public sealed class Offers : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Offers",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Code = t.Column<string>(maxLength: 20, nullable: false),
                Description = t.Column<string>(maxLength: 200, nullable: false),
                DiscountType = t.Column<string>(maxLength: 16, nullable: false),
                DiscountValue = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                MinOrder = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                ValidFrom = t.Column<DateOnly>(nullable: true),
                ValidTo = t.Column<DateOnly>(nullable: true),
                IsActive = t.Column<bool>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Offers", x => x.Id));
        migrationBuilder.CreateIndex("IX_Offers_Code", "Offers", "Code", unique: true);

        migrationBuilder.AddColumn<string>("OfferCode", "Orders", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<decimal>("Discount", "Orders", precision: 12, scale: 2, nullable: false, defaultValue: 0m);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("Discount", "Orders");
        migrationBuilder.DropColumn("OfferCode", "Orders");
        migrationBuilder.DropTable("Offers");
    }
}
