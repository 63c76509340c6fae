using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 5: the routes each delivery agent serves.</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000005_AgentRoutes")]
public sealed class AgentRoutes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AgentRoutes",
            columns: t => new
            {
                UserId = t.Column<string>(maxLength: 450, nullable: false),
                Route = t.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AgentRoutes", x => new { x.UserId, x.Route });
                t.ForeignKey("FK_AgentRoutes_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("AgentRoutes");
}
