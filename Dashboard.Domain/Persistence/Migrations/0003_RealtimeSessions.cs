using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 3: real-time sessions a reconnecting client recovers (connection state recovery).</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261202000003_RealtimeSessions")]
public sealed class RealtimeSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "RealtimeSessions",
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                Namespace = t.Column<string>(maxLength: 64, nullable: false),
                UserId = t.Column<string>(maxLength: 450, nullable: false),
                ConnectionId = t.Column<string>(maxLength: 64, nullable: false),
                Rooms = t.Column<string>(nullable: false),
                StartPosition = t.Column<long>(nullable: false),
                ConnectedAt = t.Column<DateTime>(nullable: false),
                LastSeenAt = t.Column<DateTime>(nullable: false),
                DisconnectedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_RealtimeSessions", x => x.Id));
        migrationBuilder.CreateIndex("IX_RealtimeSessions_LastSeenAt", "RealtimeSessions", "LastSeenAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("RealtimeSessions");
}
