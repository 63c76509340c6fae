using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 9: a payment may be for a one-off order, and an order keeps what has been paid for it.</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000009_OrderPayments")]
public sealed class OrderPayments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<decimal>("Paid", "Orders", precision: 12, scale: 2, nullable: false, defaultValue: 0m);
        if (migrationBuilder.IsSqlite())
        {
            // SQLite cannot add a foreign key to a table, but a new nullable column may carry one.
            migrationBuilder.Sql("ALTER TABLE \"Payments\" ADD COLUMN \"OrderId\" TEXT NULL REFERENCES \"Orders\" (\"Id\") ON DELETE RESTRICT;");
        }
        else
        {
            migrationBuilder.AddColumn<Guid>("OrderId", "Payments", nullable: true);
            migrationBuilder.AddForeignKey("FK_Payments_Orders_OrderId", "Payments", "OrderId", "Orders", principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        migrationBuilder.CreateIndex("IX_Payments_OrderId", "Payments", "OrderId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.DropForeignKey("FK_Payments_Orders_OrderId", "Payments");
        }

        migrationBuilder.DropIndex("IX_Payments_OrderId", "Payments");
        migrationBuilder.DropColumn("OrderId", "Payments");
        migrationBuilder.DropColumn("Paid", "Orders");
    }
}
