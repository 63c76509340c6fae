using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>
/// Schema version 10: stock. Each product may have a minimum level, and one may be the daily milk (the day sheets'
/// deliveries draw from it); its stock on hand with the severity last seen (so an alert goes out once per crossing), and
/// every movement — receipts, adjustments, deliveries, orders — with the balance it left. Existing products get no
/// minimum and no stock: nothing alerts until staff set a minimum.
/// </summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000010_Stock")]
public sealed class Stock : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<decimal>("MinStock", "Products", precision: 12, scale: 3, nullable: true);
        migrationBuilder.AddColumn<bool>("IsDailyMilk", "Products", nullable: false, defaultValue: false);
        migrationBuilder.CreateIndex("IX_Products_IsDailyMilk", "Products", "IsDailyMilk", unique: true, filter: "\"IsDailyMilk\" = 1");

        migrationBuilder.CreateTable(
            name: "StockLevels",
            columns: t => new
            {
                ProductId = t.Column<Guid>(nullable: false),
                Quantity = t.Column<decimal>(precision: 12, scale: 3, nullable: false),
                Severity = t.Column<string>(maxLength: 16, nullable: true),
                UpdatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_StockLevels", x => x.ProductId);
                t.ForeignKey("FK_StockLevels_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "StockMovements",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                ProductId = t.Column<Guid>(nullable: false),
                Kind = t.Column<string>(maxLength: 16, nullable: false),
                Quantity = t.Column<decimal>(precision: 12, scale: 3, nullable: false),
                Balance = t.Column<decimal>(precision: 12, scale: 3, nullable: false),
                Supplier = t.Column<string>(maxLength: 100, nullable: true),
                Cost = t.Column<decimal>(precision: 14, scale: 2, nullable: true),
                Note = t.Column<string>(maxLength: 200, nullable: true),
                By = t.Column<string>(maxLength: 256, nullable: false),
                At = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_StockMovements", x => x.Id);
                t.ForeignKey("FK_StockMovements_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_StockMovements_ProductId_Id", "StockMovements", ["ProductId", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("StockMovements");
        migrationBuilder.DropTable("StockLevels");
        migrationBuilder.DropIndex("IX_Products_IsDailyMilk", "Products");
        migrationBuilder.DropColumn("IsDailyMilk", "Products");
        migrationBuilder.DropColumn("MinStock", "Products");
    }
}
