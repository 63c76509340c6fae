using Dashboard.Domain.Payments;
using static Dashboard.Domain.Persistence.DemoCatalog;

namespace Dashboard.Domain.Persistence;

/// <summary>How a demo customer pays. The mix gives the dashboard arrears of every age, a few advances and regulars.</summary>
internal enum PayHabit
{
    Weekly,
    Monthly,
    Irregular,
    Partial,
    StoppedPaying,
    NeverPaid,
    LongDefaulter,
    Advance,
}

/// <summary>One demo customer: who they are, what they take and how they pay.</summary>
internal sealed record DemoProfile(
    string Name, string Phone, string Address, DemoRoute Route, decimal Quantity, decimal Price, PayHabit Habit,
    PaymentMethod Method, bool PaysWeekly, DayOfWeek PayWeekday, int PayDay, int PaysUntilDaysAgo,
    int StartDaysAgo, int? StoppedDaysAgo, bool SettlesOnLeaving, int KnownForDays)
{
    public const int CustomerCount = 200;
    public const int HistoryDays = 60;

    /// <summary>
    /// The few long-standing defaulters' unpaid deliveries go back this far, so that the "90+ days behind" bucket is
    /// not empty; everyone else's history is <see cref="HistoryDays"/> days long.
    /// </summary>
    public const int LongDefaulterDays = 100;

    public static List<DemoProfile> Create(Random rng)
    {
        List<PayHabit> habits =
        [
            .. Enumerable.Repeat(PayHabit.LongDefaulter, 3), .. Enumerable.Repeat(PayHabit.NeverPaid, 5),
            .. Enumerable.Repeat(PayHabit.StoppedPaying, 14), .. Enumerable.Repeat(PayHabit.Partial, 14),
            .. Enumerable.Repeat(PayHabit.Advance, 6), .. Enumerable.Repeat(PayHabit.Irregular, 30),
            .. Enumerable.Repeat(PayHabit.Weekly, 55),
        ];
        habits.AddRange(Enumerable.Repeat(PayHabit.Monthly, CustomerCount - habits.Count));
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(habits));

        var routes = Routes.Select(r => (r, r.Weight)).ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var (leavers, joiners) = (0, 0);
        var profiles = new List<DemoProfile>(CustomerCount);
        foreach (var habit in habits)
        {
            var route = Weighted(rng, routes);
            string name, phone;
            do
            {
                name = $"{Pick(rng, FirstNames)} {Pick(rng, Surnames)}";
            }
            while (!names.Add(name));

            do
            {
                phone = $"+91 {rng.Next(6, 10)}{rng.Next(10_000):0000} {rng.Next(100_000):00000}";
            }
            while (!phones.Add(phone));

            var street = Pick(rng, route.Streets);
            var address = rng.NextDouble() < 0.6
                ? $"#{rng.Next(1, 400)}, {street}, {route.Name}, Bengaluru {route.Pin}"
                : $"{(char)('A' + rng.Next(4))}-{rng.Next(1, 13)}{rng.Next(1, 9):00}, {Pick(rng, route.Buildings)}, {street}, {route.Name}, Bengaluru {route.Pin}";
            var method = habit switch
            {
                PayHabit.Weekly or PayHabit.Irregular => Weighted(rng, [(PaymentMethod.Cash, 55), (PaymentMethod.Upi, 40), (PaymentMethod.Bank, 5)]),
                PayHabit.Advance => Weighted(rng, [(PaymentMethod.Bank, 35), (PaymentMethod.Upi, 45), (PaymentMethod.Cheque, 20)]),
                _ => Weighted(rng, [(PaymentMethod.Upi, 45), (PaymentMethod.Cash, 25), (PaymentMethod.Bank, 20), (PaymentMethod.Cheque, 10)]),
            };

            // A few regular payers left during the window (most settled up), a few joined during it.
            var regular = habit is PayHabit.Weekly or PayHabit.Monthly or PayHabit.Irregular;
            int? stopped = regular && leavers < 8 && rng.NextDouble() < 0.15 ? rng.Next(8, 50) : null;
            var settles = stopped is not null && leavers++ % 4 != 3;
            var start = habit == PayHabit.LongDefaulter ? LongDefaulterDays : HistoryDays;
            if (regular && stopped is null && joiners < 8 && rng.NextDouble() < 0.15)
            {
                start = rng.Next(6, 30);
                joiners++;
            }

            profiles.Add(new DemoProfile(name, phone, address, route, Weighted(rng, Quantities), Weighted(rng, Prices),
                habit, method, PaysWeekly: habit == PayHabit.Weekly || (habit == PayHabit.StoppedPaying && rng.NextDouble() < 0.5),
                PayWeekday: (DayOfWeek)rng.Next(7), PayDay: rng.Next(1, 11), PaysUntilDaysAgo: rng.Next(32, 50),
                start, stopped, settles, KnownForDays: start < HistoryDays ? 0 : rng.Next(0, 700)));
        }

        return profiles;
    }
}
