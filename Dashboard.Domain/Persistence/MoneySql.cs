using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Domain.Persistence;

/// <summary>
/// Sums of money that SQLite adds up itself. SQLite keeps a decimal as TEXT, so EF Core sums decimals with ef_sum, a
/// .NET aggregate that SQLite calls back for every row and that parses each row's text: about 2 µs a row, paid on every
/// write (a balance) and every stats recompute (all dues), and growing with the history. Amounts carry at most 2 decimal
/// places (a payment is validated so, an entry's amount is rounded so), so their sum in whole cents, by SQLite's own
/// integer SUM, is exact.
/// </summary>
public static class MoneySql
{
    /// <summary>An amount in whole cents, computed in SQL (<c>CAST(ROUND(amount * 100) AS INTEGER)</c>); only for queries.</summary>
    public static long Cents(decimal amount) => throw new InvalidOperationException($"{nameof(Cents)} runs only inside a database query.");

    public static decimal FromCents(long cents) => cents / 100m;

    internal static void Register(ModelBuilder builder)
    {
        var real = new DoubleTypeMapping("REAL");
        var integer = new LongTypeMapping("INTEGER");
        builder.HasDbFunction(typeof(MoneySql).GetMethod(nameof(Cents))!).HasTranslation(args =>
            new SqlUnaryExpression(ExpressionType.Convert,
                new SqlFunctionExpression("round",
                    [new SqlBinaryExpression(ExpressionType.Multiply, args[0], new SqlConstantExpression(100L, typeof(long), integer), typeof(double), real)],
                    nullable: true, argumentsPropagateNullability: [true], typeof(double), real),
                typeof(long), integer));
    }
}
