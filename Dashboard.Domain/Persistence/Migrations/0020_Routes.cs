using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Domain.Persistence.Migrations;

/// <summary>
/// Schema version 20: routes become a managed list. The list starts as the routes customers and agents were on, one per
/// spelling however it was typed ("Jayanagar" and "jayanagar " are one route, named as most of its customers wrote
/// it), and every customer's and agent's route is written as the list names it.
/// </summary>
[DbContext(typeof(DashboardDbContext))]
[Migration("20261204000020_Routes")]
public sealed class Routes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Routes",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                Name = t.Column<string>(maxLength: 50, nullable: false),
                NormalizedName = t.Column<string>(maxLength: 50, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Routes", x => x.Id));
        migrationBuilder.CreateIndex("IX_Routes_NormalizedName", "Routes", "NormalizedName", unique: true);

        // Each spelling's uses; per normalized name, the spelling used most (then the first by name) names the route.
        migrationBuilder.Sql("""
            INSERT INTO "Routes" ("Name", "NormalizedName", "CreatedAt")
            SELECT "Spelling", "Normalized", CURRENT_TIMESTAMP FROM (
                SELECT "Spelling", "Normalized",
                       ROW_NUMBER() OVER (PARTITION BY "Normalized" ORDER BY COUNT(*) DESC, "Spelling") AS "Rank"
                FROM (
                    SELECT TRIM("Route") AS "Spelling", LOWER(TRIM("Route")) AS "Normalized" FROM "Customers" WHERE TRIM(COALESCE("Route", '')) <> ''
                    UNION ALL
                    SELECT TRIM("Route"), LOWER(TRIM("Route")) FROM "AgentRoutes" WHERE TRIM("Route") <> ''
                ) AS "Uses"
                GROUP BY "Spelling", "Normalized"
            ) AS "Ranked"
            WHERE "Rank" = 1;
            """);
        migrationBuilder.Sql("""
            UPDATE "Customers" SET "Route" = (SELECT "Name" FROM "Routes" WHERE "NormalizedName" = LOWER(TRIM("Customers"."Route")))
            WHERE TRIM(COALESCE("Route", '')) <> '';
            """);
        migrationBuilder.Sql("""UPDATE "Customers" SET "Route" = NULL WHERE "Route" IS NOT NULL AND TRIM("Route") = '';""");
        // An agent's routes were already one per spelling, whatever the case (the users service refused repeats).
        migrationBuilder.Sql("""
            UPDATE "AgentRoutes" SET "Route" = (SELECT "Name" FROM "Routes" WHERE "NormalizedName" = LOWER(TRIM("AgentRoutes"."Route")))
            WHERE TRIM("Route") <> '';
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("Routes");
}
