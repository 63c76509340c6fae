using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 16: support conversations, one per customer, their messages, and how far each side has read.</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261203000016_SupportChat")]
public sealed class SupportChat : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ChatMessages",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CustomerId = t.Column<Guid>(nullable: false),
                FromUserId = t.Column<string>(maxLength: 450, nullable: false),
                FromName = t.Column<string>(maxLength: 256, nullable: false),
                FromRole = t.Column<string>(maxLength: 16, nullable: false),
                FromStaff = t.Column<bool>(nullable: false),
                Text = t.Column<string>(maxLength: 2000, nullable: false),
                At = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ChatMessages", x => x.Id);
                t.ForeignKey("FK_ChatMessages_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ChatMessages_CustomerId_At", "ChatMessages", ["CustomerId", "At"]);

        migrationBuilder.CreateTable(
            name: "ChatConversations",
            columns: t => new
            {
                CustomerId = t.Column<Guid>(nullable: false),
                LastMessageAt = t.Column<DateTime>(nullable: false),
                StaffReadUpTo = t.Column<DateTime>(nullable: true),
                CustomerReadUpTo = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ChatConversations", x => x.CustomerId);
                t.ForeignKey("FK_ChatConversations_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ChatConversations_LastMessageAt", "ChatConversations", "LastMessageAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ChatConversations");
        migrationBuilder.DropTable("ChatMessages");
    }
}
