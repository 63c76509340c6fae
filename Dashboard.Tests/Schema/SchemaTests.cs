using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Payments;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Products;
using Dashboard.Domain.Users;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Schema;

public sealed class SchemaTests
{
    private const string InitialSchema = "20261122000001_InitialSchema";
    private const string ProductsSchema = "20261203000006_Products";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_migrations_build_exactly_the_schema_of_the_model(bool withIdentityServices)
    {
        // The web host registers ASP.NET Core Identity, whose store options shape the model (schema version, key
        // lengths); the migrations must match the model the host actually builds. EF Core caches one model per
        // internal service provider, so that row gets a provider (and a model) of its own.
        Action<IServiceCollection>? identity = withIdentityServices
            ? s =>
            {
                s.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<DashboardDbContext>();
                s.ConfigureDbContext<DashboardDbContext>(o => o.ReplaceService<IModelCacheKeyFactory, ModelCacheKeyFactory>());
            }
            : null;
        await using var migrated = await DomainHarness.StartAsync(configure: identity);
        await using var created = await DomainHarness.StartAsync(initialize: false, configure: identity);
        await using (var db = created.Db())
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
        }

        var fromMigrations = await SqliteSchema.ReadAsync(migrated.ConnectionString);
        var fromModel = await SqliteSchema.ReadAsync(created.ConnectionString);

        Assert.Superset(new HashSet<string> { "Customers", "DailyEntries", "Payments", "ActivityLog", "AppSecrets", "AspNetUsers", "Products" },
            fromModel.Tables.ToHashSet());
        Assert.Equal(fromModel.Tables.Order(), fromMigrations.Tables.Order());
        Assert.Empty(fromModel.Facts.Except(fromMigrations.Facts));
        Assert.Empty(fromMigrations.Facts.Except(fromModel.Facts));
    }

    // This database is written with the SQL of schema version 1, as an installation of that version holds it.
    // Keep the SQL below exactly as it is when later migrations change the tables: the point of the test is that
    // rows written by v1 survive every upgrade. Add rows for a newer version in a test of its own.
    [Fact]
    public async Task An_old_database_upgrades_to_the_latest_schema_and_keeps_its_rows()
    {
        await using var h = await DomainHarness.StartAsync(initialize: false);
        await using (var db = h.Db())
        {
            await db.GetService<IMigrator>().MigrateAsync(InitialSchema);
            Assert.Equal([InitialSchema], await db.Database.GetAppliedMigrationsAsync());
        }

        await using (var connection = new SqliteConnection(h.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO Customers (Id, Name, Phone, Address, Route, DefaultQuantity, PricePerLiter, IsActive, CreatedAt, UpdatedAt, Version)
                VALUES ('0193A1B2-C3D4-7E5F-8A6B-000000000001', 'Meena Iyer', '+91 98860 11111', '7, Sampige Road, Malleshwaram',
                        'Malleshwaram', '1.5', '58.0', 1, '2026-10-01 04:00:00', '2026-10-01 04:00:00', 1);
                INSERT INTO DailyEntries (Id, CustomerId, Date, Quantity, PricePerLiter, Amount, Status, UpdatedBy, CreatedAt, UpdatedAt, Version)
                VALUES ('0193A1B2-C3D4-7E5F-8A6B-000000000002', '0193A1B2-C3D4-7E5F-8A6B-000000000001', '2026-11-20', '1.5', '58.0', '87.0',
                        'Delivered', 'Prakash N', '2026-11-20 00:30:00', '2026-11-20 01:10:00', 2),
                       ('0193A1B2-C3D4-7E5F-8A6B-000000000003', '0193A1B2-C3D4-7E5F-8A6B-000000000001', '2026-11-21', '2.0', '58.0', '116.0',
                        'Delivered', 'Prakash N', '2026-11-21 00:30:00', '2026-11-21 01:05:00', 2),
                       ('0193A1B2-C3D4-7E5F-8A6B-000000000004', '0193A1B2-C3D4-7E5F-8A6B-000000000001', '2026-11-22', '1.5', '58.0', '87.0',
                        'Skipped', 'Prakash N', '2026-11-22 00:30:00', '2026-11-22 01:00:00', 2);
                INSERT INTO Payments (Id, CustomerId, Amount, Method, PaymentDate, Note, RecordedBy, CreatedAt)
                VALUES ('0193A1B2-C3D4-7E5F-8A6B-000000000005', '0193A1B2-C3D4-7E5F-8A6B-000000000001', '150.0', 'Mobile', '2026-11-21',
                        'GPay', 'Kavya S', '2026-11-21 05:00:00');
                INSERT INTO ActivityLog (At, UserId, UserName, Action, EntityType, EntityId, Summary, Channel, CustomerId, Before, After)
                VALUES ('2026-11-21 05:00:00', 'staff-1', 'Kavya S', 'payment.added', 'payment', '0193a1b2-c3d4-7e5f-8a6b-000000000005',
                        'Meena Iyer paid 150.00 (MOBILE)', 'Web', '0193A1B2-C3D4-7E5F-8A6B-000000000001', NULL, NULL);
                """;
            Assert.Equal(6, await insert.ExecuteNonQueryAsync());
        }

        await h.Get<DatabaseInitializer>().InitializeAsync();

        var id = Guid.Parse("0193a1b2-c3d4-7e5f-8a6b-000000000001");
        var customer = await h.Customers.GetAsync(DomainHarness.Admin, id);
        Assert.Equal(("Meena Iyer", "+91 98860 11111", "Malleshwaram", 1.5m, 58m, true, 1),
            (customer.Name, customer.Phone, customer.Route, customer.DefaultQuantity, customer.PricePerLiter, customer.IsActive, customer.Version));

        var ledger = await h.Customers.GetLedgerAsync(DomainHarness.Admin, id);
        Assert.Equal(new CustomerBalance(id, "Meena Iyer", 203m, 150m, 53m), ledger.Balance);
        Assert.Equal([87m, 203m, 53m], ledger.Lines.Select(l => l.RunningBalance));

        var payment = Assert.Single(await h.Payments.ListAsync(DomainHarness.Admin, new PaymentQuery(null, null, id)));
        Assert.Equal((150m, PaymentMethod.Mobile, new DateOnly(2026, 11, 21), "GPay"), (payment.Amount, payment.Method, payment.PaymentDate, payment.Note));

        var skipped = Assert.Single(await h.Deliveries.ListAsync(DomainHarness.Admin, new DateOnly(2026, 11, 22)));
        Assert.Equal((DeliveryStatus.Skipped, 87m, 2), (skipped.Status, skipped.Amount, skipped.Version));
        Assert.Contains(await h.Activity.RecentAsync(DomainHarness.Admin, 10), a => a.Summary == "Meena Iyer paid 150.00 (MOBILE)");

        // The upgraded rows take writes like new ones.
        var updated = await h.Deliveries.UpdateAsync(DomainHarness.Staff, skipped.Id, new UpdateDelivery(null, null, "delivered", 2));
        Assert.Equal((DeliveryStatus.Delivered, 3), (updated.Status, updated.Version));

        await using var check = h.Db();
        var known = check.Database.GetMigrations().ToList();
        var history = await check.Database.SqlQueryRaw<string>("SELECT MigrationId AS Value FROM __EFMigrationsHistory").ToListAsync();
        Assert.Contains(InitialSchema, known);
        Assert.Equal(known.Order(), history.Order());
    }

    // A database one step before the catalog (whatever migration precedes it), with a customer and an activity row:
    // the upgrade adds an empty Products table whose names are unique whatever their case, and keeps the rows.
    [Fact]
    public async Task A_database_from_before_the_products_upgrades_to_an_empty_catalog_and_keeps_its_rows()
    {
        await using var h = await DomainHarness.StartAsync(initialize: false);
        string previous;
        await using (var db = h.Db())
        {
            var known = db.Database.GetMigrations().ToList();
            previous = known[known.IndexOf(ProductsSchema) - 1];
            await db.GetService<IMigrator>().MigrateAsync(previous);
            Assert.DoesNotContain(ProductsSchema, await db.Database.GetAppliedMigrationsAsync());
        }

        await using (var connection = new SqliteConnection(h.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO Customers (Id, Name, Phone, Address, Route, DefaultQuantity, PricePerLiter, IsActive, CreatedAt, UpdatedAt, Version)
                VALUES ('0193A1B2-C3D4-7E5F-8A6B-000000000011', 'Before Products', NULL, NULL, 'Jayanagar', '1.0', '56.0', 1,
                        '2026-12-01 04:00:00', '2026-12-01 04:00:00', 1);
                INSERT INTO ActivityLog (At, UserId, UserName, Action, EntityType, EntityId, Summary, Channel, CustomerId, Before, After)
                VALUES ('2026-12-01 04:00:00', 'staff-1', 'Kavya S', 'customer.created', 'customer', '0193a1b2-c3d4-7e5f-8a6b-000000000011',
                        'Created customer Before Products', 'Web', '0193A1B2-C3D4-7E5F-8A6B-000000000011', NULL, NULL);
                """;
            Assert.Equal(2, await insert.ExecuteNonQueryAsync());
        }

        await h.Get<DatabaseInitializer>().InitializeAsync();

        var customer = await h.Customers.GetAsync(DomainHarness.Admin, Guid.Parse("0193a1b2-c3d4-7e5f-8a6b-000000000011"));
        Assert.Equal(("Before Products", 56m, 1), (customer.Name, customer.PricePerLiter, customer.Version));
        Assert.Contains(await h.Activity.RecentAsync(DomainHarness.Admin, 10), a => a.Summary == "Created customer Before Products");

        var products = h.Get<ProductService>();
        Assert.Empty(await products.ListAsync(DomainHarness.Admin, includeInactive: true));
        var curd = await products.CreateAsync(DomainHarness.Staff, new CreateProduct("Curd 500 g", "piece", 30m));
        Assert.Equal(("Curd 500 g", "piece", 30m, 1), (curd.Name, curd.Unit, curd.Price, curd.Version));
        var taken = await Assert.ThrowsAsync<DomainException>(() => products.CreateAsync(DomainHarness.Staff, new CreateProduct("CURD 500 G", "piece", 31m)));
        Assert.Equal(ErrorCodes.Conflict, taken.Code);

        // The unique index itself, below the service's check: the database refuses the same name in another case.
        await using var raw = new SqliteConnection(h.ConnectionString);
        await raw.OpenAsync();
        await using var duplicate = raw.CreateCommand();
        duplicate.CommandText = """
            INSERT INTO Products (Id, Name, NormalizedName, Unit, Price, IsActive, CreatedAt, UpdatedAt, Version)
            VALUES ('0193A1B2-C3D4-7E5F-8A6B-000000000012', 'curd 500 g', 'CURD 500 G', 'piece', '30.0', 1, '2026-12-03 04:00:00', '2026-12-03 04:00:00', 1);
            """;
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => duplicate.ExecuteNonQueryAsync())).SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Single(await products.ListAsync(DomainHarness.Admin));
    }

    private sealed record SqliteSchema(IReadOnlyList<string> Tables, IReadOnlySet<string> Facts)
    {
        /// <summary>Every table's columns (type, nullability, default, key), indexes and foreign keys, one line each.</summary>
        public static async Task<SqliteSchema> ReadAsync(string connectionString)
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            var tables = await RowsAsync(connection,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\'");
            var facts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in tables.Select(t => t[0]!))
            {
                foreach (var c in await RowsAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
                {
                    facts.Add($"{table}.{c[0]} type={c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
                }

                foreach (var i in await RowsAsync(connection, $"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"))
                {
                    var columns = await RowsAsync(connection, $"SELECT name FROM pragma_index_info('{i[0]}') ORDER BY seqno");
                    facts.Add($"{table} index {i[0]} ({string.Join(", ", columns.Select(c => c[0]))}) unique={i[1]} origin={i[2]} partial={i[3]}");
                }

                foreach (var f in await RowsAsync(connection, $"SELECT \"from\", \"table\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}')"))
                {
                    facts.Add($"{table}.{f[0]} references {f[1]}.{f[2]} on update {f[3]} on delete {f[4]}");
                }
            }

            return new SqliteSchema(tables.Select(t => t[0]!).ToList(), facts);
        }

        private static async Task<List<string?[]>> RowsAsync(SqliteConnection connection, string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string?[]>();
            while (await reader.ReadAsync())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            }

            return rows;
        }
    }
}
