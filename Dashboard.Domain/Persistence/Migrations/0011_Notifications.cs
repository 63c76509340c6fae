using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 11: each user's notifications (title, message, type, link, data, when created and read).</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000011_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Notifications",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                UserId = t.Column<string>(maxLength: 450, nullable: false),
                Title = t.Column<string>(maxLength: 100, nullable: false),
                Message = t.Column<string>(maxLength: 500, nullable: false),
                Type = t.Column<string>(maxLength: 16, nullable: false),
                Link = t.Column<string>(maxLength: 200, nullable: true),
                Data = t.Column<string>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                ReadAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Notifications", x => x.Id);
                t.ForeignKey("FK_Notifications_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Notifications_UserId_CreatedAt", "Notifications", ["UserId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Notifications_CreatedAt", "Notifications", "CreatedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Notifications");
    }
}
