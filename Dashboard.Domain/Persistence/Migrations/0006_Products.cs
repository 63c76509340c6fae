using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>
/// Schema version 6: the product catalog (extras on top of the daily milk). Names are unique whatever their case, by a
/// unique index on the upper-cased name, which every database enforces the same way.
/// </summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000006_Products")]
public sealed class Products : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Products",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                NormalizedName = t.Column<string>(maxLength: 100, nullable: false),
                Unit = t.Column<string>(maxLength: 16, nullable: false),
                Price = t.Column<decimal>(precision: 10, scale: 2, nullable: false),
                IsActive = t.Column<bool>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Products", x => x.Id));
        migrationBuilder.CreateIndex("IX_Products_NormalizedName", "Products", "NormalizedName", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Products");
}
