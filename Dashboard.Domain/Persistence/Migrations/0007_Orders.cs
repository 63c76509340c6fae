using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 7: one-off orders, their items (name, unit and price as ordered) and their timeline.</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000007_Orders")]
public sealed class Orders : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Orders",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Number = t.Column<int>(nullable: false),
                CustomerId = t.Column<Guid>(nullable: false),
                Status = t.Column<string>(maxLength: 24, nullable: false),
                DeliveryDate = t.Column<DateOnly>(nullable: false),
                Total = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                Note = t.Column<string>(maxLength: 500, nullable: true),
                AgentId = t.Column<string>(maxLength: 450, nullable: true),
                CancelReason = t.Column<string>(maxLength: 200, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Orders", x => x.Id);
                t.ForeignKey("FK_Orders_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Orders_AspNetUsers_AgentId", x => x.AgentId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Orders_Number", "Orders", "Number", unique: true);
        migrationBuilder.CreateIndex("IX_Orders_DeliveryDate_Status", "Orders", ["DeliveryDate", "Status"]);
        migrationBuilder.CreateIndex("IX_Orders_CustomerId", "Orders", "CustomerId");
        migrationBuilder.CreateIndex("IX_Orders_AgentId", "Orders", "AgentId");

        migrationBuilder.CreateTable(
            name: "OrderItems",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrderId = t.Column<Guid>(nullable: false),
                ProductId = t.Column<Guid>(nullable: false),
                ProductName = t.Column<string>(maxLength: 100, nullable: false),
                Unit = t.Column<string>(maxLength: 16, nullable: false),
                Quantity = t.Column<decimal>(precision: 8, scale: 3, nullable: false),
                UnitPrice = t.Column<decimal>(precision: 10, scale: 2, nullable: false),
                Amount = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                Position = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OrderItems", x => x.Id);
                t.ForeignKey("FK_OrderItems_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_OrderItems_Products_ProductId", x => x.ProductId, "Products", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_OrderItems_OrderId", "OrderItems", "OrderId");
        migrationBuilder.CreateIndex("IX_OrderItems_ProductId", "OrderItems", "ProductId");

        migrationBuilder.CreateTable(
            name: "OrderSteps",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                OrderId = t.Column<Guid>(nullable: false),
                Status = t.Column<string>(maxLength: 24, nullable: false),
                At = t.Column<DateTime>(nullable: false),
                ByUserId = t.Column<string>(maxLength: 450, nullable: false),
                ByName = t.Column<string>(maxLength: 256, nullable: false),
                Channel = t.Column<string>(maxLength: 16, nullable: false),
                Note = t.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OrderSteps", x => x.Id);
                t.ForeignKey("FK_OrderSteps_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_OrderSteps_OrderId", "OrderSteps", "OrderId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("OrderSteps");
        migrationBuilder.DropTable("OrderItems");
        migrationBuilder.DropTable("Orders");
    }
}
