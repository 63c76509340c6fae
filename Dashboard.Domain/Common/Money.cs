namespace Dashboard.Domain.Common;

public static class Money
{
    /// <summary>Amounts are kept to the paisa/cent; half away from zero, as a cashier would round.</summary>
    public static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);
}
