using Dashboard.Domain.Products;

namespace Dashboard.Domain.Persistence;

/// <summary>The names and places the demo business is made of.</summary>
internal static class DemoCatalog
{
    public sealed record DemoRoute(string Name, string Pin, string Agent, int Weight, string[] Streets, string[] Buildings);

    public const string OfficeStaff = "Kavya S";

    public static readonly DemoRoute[] Routes =
    [
        new("Jayanagar", "560041", "Ramesh K", 50,
            ["9th Main, 4th Block", "11th Cross, 3rd Block", "30th Cross, 4th T Block", "East End Main Road", "27th Cross, 7th Block"],
            ["Shanti Residency", "Ashirwad Apartments", "Lakshmi Towers"]),
        new("Koramangala", "560034", "Suresh M", 45,
            ["1st Main, 5th Block", "80 Feet Road, 4th Block", "17th Main, 6th Block", "Jyoti Nivas College Road", "8th Cross, 1st Block"],
            ["Prestige Acropolis", "Raheja Residency", "Maruthi Enclave"]),
        new("Indiranagar", "560038", "Manjunath R", 40,
            ["12th Main, HAL 2nd Stage", "CMH Road", "100 Feet Road", "Defence Colony, 2nd Cross", "Double Road"],
            ["Sobha Sapphire", "Green Glen Apartments", "Nandi Gardens"]),
        new("HSR Layout", "560102", "Venkatesh B", 35,
            ["27th Main, Sector 1", "14th Cross, Sector 4", "19th Main, Sector 2", "Agara Lake Road", "24th Main, Sector 7"],
            ["Brigade Palmgrove", "Mantri Classic", "SJR Residency"]),
        new("Malleshwaram", "560003", "Prakash N", 30,
            ["8th Cross", "Sampige Road", "15th Cross, Margosa Road", "18th Cross", "Temple Street"],
            ["Vaishnavi Residency", "Sri Sai Enclave", "Gayatri Apartments"]),
    ];

    public static readonly string[] FirstNames =
    [
        "Aarav", "Aditi", "Akash", "Ananya", "Anil", "Anita", "Arjun", "Asha", "Bhavana", "Chetan", "Deepa", "Deepak",
        "Divya", "Ganesh", "Gayathri", "Girish", "Harish", "Hema", "Jyothi", "Karthik", "Kavitha", "Kiran", "Krishna",
        "Lakshmi", "Latha", "Madhu", "Mahesh", "Meena", "Mohan", "Nagaraj", "Nandini", "Naveen", "Neha", "Nikhil",
        "Padma", "Pallavi", "Pooja", "Pradeep", "Priya", "Rahul", "Rajesh", "Rekha", "Rohan", "Roopa", "Sandeep",
        "Sangeetha", "Santosh", "Savitha", "Shalini", "Shankar", "Shreya", "Shweta", "Srinivas", "Sudha", "Sunil",
        "Sunita", "Suresh", "Swati", "Uma", "Usha", "Varun", "Vasanth", "Vidya", "Vijay", "Vinay", "Yamuna",
        "Farhan", "Ayesha", "Imran", "Sana", "Joseph", "Mary", "Thomas", "Gurpreet", "Harpreet",
    ];

    public static readonly string[] Surnames =
    [
        "Rao", "Reddy", "Sharma", "Iyer", "Iyengar", "Gowda", "Hegde", "Kamath", "Shetty", "Nair", "Menon", "Pillai",
        "Kulkarni", "Deshpande", "Joshi", "Patil", "Naidu", "Murthy", "Prasad", "Bhat", "Acharya", "Verma", "Gupta",
        "Agarwal", "Singh", "Mehta", "Shah", "Das", "Banerjee", "Mukherjee", "Chatterjee", "Krishnan", "Subramanian",
        "Venkatesh", "Srinivasan", "Khan", "Sheikh", "D'Souza", "Fernandes", "Mathew", "Kaur", "Malhotra",
    ];

    /// <summary>Usual standing orders in liters, weighted by how common they are.</summary>
    public static readonly (decimal Value, int Weight)[] Quantities =
        [(0.5m, 12), (1m, 34), (1.5m, 18), (2m, 20), (2.5m, 6), (3m, 10)];

    /// <summary>Price per liter: toned, cow, buffalo and A2 milk.</summary>
    public static readonly (decimal Value, int Weight)[] Prices =
        [(50m, 6), (52m, 6), (54m, 8), (56m, 14), (58m, 14), (60m, 14), (62m, 8), (64m, 8), (66m, 8), (68m, 6), (70m, 8)];

    public static readonly string[] MobileApps = ["GPay", "PhonePe", "Paytm", "UPI"];

    /// <summary>The demo business's profile: name, phone, address, opening hours (all invented).</summary>
    public static readonly (string Name, string Phone, string Address, string OpeningHours) Business =
        ("Gokul Dairy", "080 4123 4567", "14, 9th Cross, Jayanagar 4th Block, Bengaluru 560011", "Every day 5:30–10:00 and 17:00–20:30");

    /// <summary>The extras customers order on top of the daily milk, at Bengaluru dairy prices (per unit).</summary>
    public static readonly (string Name, string Unit, decimal Price)[] Products =
    [
        ("Curd 500 g", ProductUnits.Piece, 30m),
        ("Paneer 200 g", ProductUnits.Piece, 95m),
        ("Ghee 1 kg", ProductUnits.Piece, 650m),
        ("Butter", ProductUnits.Kilogram, 560m),
        ("Extra milk 1 L", ProductUnits.Liter, 56m),
        (DailyMilk, ProductUnits.Liter, 56m),
    ];

    /// <summary>The milk the day sheets' deliveries draw from (its customers' own prices apply, not this one).</summary>
    public const string DailyMilk = "Toned milk";

    public static T Weighted<T>(Random rng, (T Value, int Weight)[] choices)
    {
        var roll = rng.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }

    public static T Pick<T>(Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];
}
