using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 19: monthly bills, numbered and kept as issued (one per customer and month).</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000019_Bills")]
public sealed class Bills : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Bills",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Number = t.Column<int>(nullable: false),
                CustomerId = t.Column<Guid>(nullable: false),
                Year = t.Column<int>(nullable: false),
                Month = t.Column<int>(nullable: false),
                OpeningBalance = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                Billed = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                Paid = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                ClosingBalance = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                Liters = t.Column<decimal>(precision: 12, scale: 3, nullable: false),
                Snapshot = t.Column<string>(nullable: false),
                IssuedAt = t.Column<DateTime>(nullable: false),
                IssuedBy = t.Column<string>(maxLength: 256, nullable: false),
                Copies = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Bills", x => x.Id);
                t.ForeignKey("FK_Bills_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Bills_Number", "Bills", "Number", unique: true);
        migrationBuilder.CreateIndex("IX_Bills_CustomerId_Year_Month", "Bills", ["CustomerId", "Year", "Month"], unique: true);
        migrationBuilder.CreateIndex("IX_Bills_Year_Month", "Bills", ["Year", "Month"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Bills");
}
