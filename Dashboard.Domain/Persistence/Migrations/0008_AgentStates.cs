using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 8: each delivery agent's status and last position, and a thinned track per order's trip.</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000008_AgentStates")]
public sealed class AgentStates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AgentStates",
            columns: t => new
            {
                UserId = t.Column<string>(maxLength: 450, nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                StatusAt = t.Column<DateTime>(nullable: false),
                CurrentOrderId = t.Column<Guid>(nullable: true),
                Latitude = t.Column<double>(nullable: true),
                Longitude = t.Column<double>(nullable: true),
                PositionAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AgentStates", x => x.UserId);
                t.ForeignKey("FK_AgentStates_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "OrderTrackPoints",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                OrderId = t.Column<Guid>(nullable: false),
                AgentId = t.Column<string>(maxLength: 450, nullable: false),
                Latitude = t.Column<double>(nullable: false),
                Longitude = t.Column<double>(nullable: false),
                At = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_OrderTrackPoints", x => x.Id);
                t.ForeignKey("FK_OrderTrackPoints_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_OrderTrackPoints_OrderId", "OrderTrackPoints", "OrderId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("OrderTrackPoints");
        migrationBuilder.DropTable("AgentStates");
    }
}
