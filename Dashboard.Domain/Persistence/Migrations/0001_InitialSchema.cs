using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>
/// Schema version 1. Written by hand (EF Core's design-time package is unavailable); never edit a shipped
/// migration — add the next one. SchemaTests prove the migrations build exactly the model's schema.
/// </summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261122000001_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: t => new
            {
                Id = t.Column<string>(nullable: false),
                Name = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Customers",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Phone = t.Column<string>(maxLength: 20, nullable: true),
                Address = t.Column<string>(maxLength: 200, nullable: true),
                Route = t.Column<string>(maxLength: 50, nullable: true),
                DefaultQuantity = t.Column<decimal>(precision: 8, scale: 3, nullable: false),
                PricePerLiter = t.Column<decimal>(precision: 10, scale: 2, nullable: false),
                IsActive = t.Column<bool>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Customers", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ActivityLog",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                At = t.Column<DateTime>(nullable: false),
                UserId = t.Column<string>(maxLength: 450, nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: false),
                Action = t.Column<string>(maxLength: 64, nullable: false),
                EntityType = t.Column<string>(maxLength: 64, nullable: false),
                EntityId = t.Column<string>(maxLength: 64, nullable: false),
                Summary = t.Column<string>(maxLength: 500, nullable: false),
                Channel = t.Column<string>(maxLength: 16, nullable: false),
                CustomerId = t.Column<Guid>(nullable: true),
                Before = t.Column<string>(nullable: true),
                After = t.Column<string>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_ActivityLog", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AppSecrets",
            columns: t => new
            {
                Name = t.Column<string>(maxLength: 64, nullable: false),
                Value = t.Column<string>(nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AppSecrets", x => x.Name));

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                RoleId = t.Column<string>(nullable: false),
                ClaimType = t.Column<string>(nullable: true),
                ClaimValue = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: t => new
            {
                Id = t.Column<string>(nullable: false),
                DisplayName = t.Column<string>(maxLength: 100, nullable: false),
                CustomerId = t.Column<Guid>(nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
                Email = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = t.Column<bool>(nullable: false),
                PasswordHash = t.Column<string>(nullable: true),
                SecurityStamp = t.Column<string>(nullable: true),
                ConcurrencyStamp = t.Column<string>(nullable: true),
                PhoneNumber = t.Column<string>(nullable: true),
                PhoneNumberConfirmed = t.Column<bool>(nullable: false),
                TwoFactorEnabled = t.Column<bool>(nullable: false),
                LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = t.Column<bool>(nullable: false),
                AccessFailedCount = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUsers", x => x.Id);
                t.ForeignKey("FK_AspNetUsers_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "DailyEntries",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CustomerId = t.Column<Guid>(nullable: false),
                Date = t.Column<DateOnly>(nullable: false),
                Quantity = t.Column<decimal>(precision: 8, scale: 3, nullable: false),
                PricePerLiter = t.Column<decimal>(precision: 10, scale: 2, nullable: false),
                Amount = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                UpdatedBy = t.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                UpdatedAt = t.Column<DateTime>(nullable: false),
                Version = t.Column<int>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_DailyEntries", x => x.Id);
                t.ForeignKey("FK_DailyEntries_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Payments",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CustomerId = t.Column<Guid>(nullable: false),
                Amount = t.Column<decimal>(precision: 12, scale: 2, nullable: false),
                Method = t.Column<string>(maxLength: 16, nullable: false),
                PaymentDate = t.Column<DateOnly>(nullable: false),
                Note = t.Column<string>(maxLength: 500, nullable: true),
                RecordedBy = t.Column<string>(maxLength: 256, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Payments", x => x.Id);
                t.ForeignKey("FK_Payments_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                UserId = t.Column<string>(nullable: false),
                ClaimType = t.Column<string>(nullable: true),
                ClaimValue = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: t => new
            {
                LoginProvider = t.Column<string>(nullable: false),
                ProviderKey = t.Column<string>(nullable: false),
                ProviderDisplayName = t.Column<string>(nullable: true),
                UserId = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: t => new
            {
                UserId = t.Column<string>(nullable: false),
                RoleId = t.Column<string>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: t => new
            {
                UserId = t.Column<string>(nullable: false),
                LoginProvider = t.Column<string>(nullable: false),
                Name = t.Column<string>(nullable: false),
                Value = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_ActivityLog_At", "ActivityLog", "At");
        migrationBuilder.CreateIndex("IX_ActivityLog_CustomerId", "ActivityLog", "CustomerId");
        migrationBuilder.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        migrationBuilder.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        migrationBuilder.CreateIndex("IX_AspNetUsers_CustomerId", "AspNetUsers", "CustomerId");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_Customers_Name", "Customers", "Name");
        migrationBuilder.CreateIndex("IX_Customers_Route", "Customers", "Route");
        migrationBuilder.CreateIndex("IX_DailyEntries_CustomerId_Date", "DailyEntries", new[] { "CustomerId", "Date" }, unique: true);
        migrationBuilder.CreateIndex("IX_DailyEntries_Date", "DailyEntries", "Date");
        migrationBuilder.CreateIndex("IX_Payments_CustomerId", "Payments", "CustomerId");
        migrationBuilder.CreateIndex("IX_Payments_PaymentDate", "Payments", "PaymentDate");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
        {
            "ActivityLog", "AppSecrets", "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles",
            "AspNetUserTokens", "DailyEntries", "Payments", "AspNetRoles", "AspNetUsers", "Customers",
        })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
