using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>
/// Schema version 21: indexes that cover a customer's balance — the billed sum over delivered entries and orders, the
/// paid sum over payments — so the balance every write publishes reads a few index pages instead of a row per entry and
/// payment in the customer's history (docs/benchmarks.md, 2026-12-04). The payments' and orders' customer indexes become
/// the covering ones; they serve everything the old ones did.
/// </summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261204000021_BalanceIndexes")]
public sealed class BalanceIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex("IX_DailyEntries_CustomerId_Status_Amount", "DailyEntries", ["CustomerId", "Status", "Amount"]);
        migrationBuilder.DropIndex("IX_Payments_CustomerId", "Payments");
        migrationBuilder.CreateIndex("IX_Payments_CustomerId_Amount", "Payments", ["CustomerId", "Amount"]);
        migrationBuilder.DropIndex("IX_Orders_CustomerId", "Orders");
        migrationBuilder.CreateIndex("IX_Orders_CustomerId_Status_Total", "Orders", ["CustomerId", "Status", "Total"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Orders_CustomerId_Status_Total", "Orders");
        migrationBuilder.CreateIndex("IX_Orders_CustomerId", "Orders", "CustomerId");
        migrationBuilder.DropIndex("IX_Payments_CustomerId_Amount", "Payments");
        migrationBuilder.CreateIndex("IX_Payments_CustomerId", "Payments", "CustomerId");
        migrationBuilder.DropIndex("IX_DailyEntries_CustomerId_Status_Amount", "DailyEntries");
    }
}
