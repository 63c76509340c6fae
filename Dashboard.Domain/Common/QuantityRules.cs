using System.Globalization;

namespace Dashboard.Domain.Common;

/// <summary>
/// The liters a household may get in a day, from configuration (<c>Dashboard:MaxLitersPerDay</c>,
/// <c>Dashboard:QuantityStep</c>): at most <see cref="MaxLitersPerDay"/>, in steps of <see cref="Step"/> (the packets or
/// the measure the agents pour). A customer's liters a day, a day-sheet entry and a subscription's change all follow it;
/// the forms' number inputs take the same step and maximum.
/// </summary>
public sealed class QuantityRules
{
    public const decimal DefaultMaxLitersPerDay = 20m;
    public const decimal DefaultStep = 0.25m;

    public QuantityRules(decimal maxLitersPerDay = DefaultMaxLitersPerDay, decimal step = DefaultStep)
    {
        if (step <= 0 || decimal.Round(step, 3) != step)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "Dashboard:QuantityStep must be more than 0 with at most 3 decimal places (e.g. 0.25).");
        }

        if (maxLitersPerDay < step || maxLitersPerDay % step != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLitersPerDay), maxLitersPerDay,
                $"Dashboard:MaxLitersPerDay must be a multiple of Dashboard:QuantityStep ({step}) and at least that.");
        }

        MaxLitersPerDay = maxLitersPerDay;
        Step = step;
    }

    public decimal MaxLitersPerDay { get; }

    public decimal Step { get; }

    /// <summary>The step as an input's <c>step</c> attribute (invariant digits).</summary>
    public string StepAttribute => Step.ToString(CultureInfo.InvariantCulture);

    /// <summary>The maximum as an input's <c>max</c> attribute.</summary>
    public string MaxAttribute => MaxLitersPerDay.ToString(CultureInfo.InvariantCulture);

    /// <summary>0 to <see cref="MaxLitersPerDay"/> liters, in steps of <see cref="Step"/>; a field error otherwise.</summary>
    public void Check(Validation v, string field, decimal? liters)
    {
        if (liters is not { } q)
        {
            return;
        }

        if (q < 0)
        {
            v.Add(field, $"{Validation.Label(field)} must be at least 0.");
        }
        else if (q > MaxLitersPerDay)
        {
            v.Add(field, $"{Validation.Label(field)} must be at most {MaxLitersPerDay.ToString(CultureInfo.InvariantCulture)} L: no household takes more in a day here.");
        }
        else if (q % Step != 0)
        {
            v.Add(field, $"{Validation.Label(field)} goes in steps of {StepAttribute} L: {q.ToString(CultureInfo.InvariantCulture)} is not one of them.");
        }
    }
}
