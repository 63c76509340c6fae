using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>Schema version 4: failed sign-ins per account and client address (the lockout, instead of Identity's own).</summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261202000004_SignInAttempts")]
public sealed class SignInAttempts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SignInAttempts",
            columns: t => new
            {
                Account = t.Column<string>(maxLength: 64, nullable: false),
                Address = t.Column<string>(maxLength: 64, nullable: false),
                Failures = t.Column<int>(nullable: false),
                ExpiresAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_SignInAttempts", x => new { x.Account, x.Address }));
        migrationBuilder.CreateIndex("IX_SignInAttempts_ExpiresAt", "SignInAttempts", "ExpiresAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("SignInAttempts");
}
