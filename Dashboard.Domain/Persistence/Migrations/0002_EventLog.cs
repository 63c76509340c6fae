using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 2: the durable event log (positions assigned by the writer, so no autoincrement).</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261202000001_EventLog")]
public sealed class EventLog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "EventLog",
            columns: t => new
            {
                Position = t.Column<long>(nullable: false),
                At = t.Column<DateTime>(nullable: false),
                Name = t.Column<string>(maxLength: 64, nullable: false),
                Payload = t.Column<string>(nullable: false),
                Rooms = t.Column<string>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_EventLog", x => x.Position));
        migrationBuilder.CreateIndex("IX_EventLog_At", "EventLog", "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("EventLog");
}
