namespace Dashboard.Infrastructure;

/// <summary>The <c>Dashboard</c> section of appsettings.json (env: <c>Dashboard__Key</c>).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Creates a demo business on an empty database. Never on by default.</summary>
    public bool SeedDemoData { get; set; }

    public string TimeZone { get; set; } = "Asia/Kolkata";

    /// <summary>How many days before today deliveries and payments may still be recorded or changed.</summary>
    public int WritableDaysBack { get; set; } = Domain.Common.BusinessClock.DefaultDaysBack;

    public string Culture { get; set; } = "en-IN";

    public string Currency { get; set; } = "INR";

    /// <summary>The most liters a household may get in a day (a customer's liters a day, a day-sheet entry, a change).</summary>
    public decimal MaxLitersPerDay { get; set; } = Domain.Common.QuantityRules.DefaultMaxLitersPerDay;

    /// <summary>Liters go in steps of this much (0.25: a quarter liter, the smallest packet or measure).</summary>
    public decimal QuantityStep { get; set; } = Domain.Common.QuantityRules.DefaultStep;

    /// <summary>The country code a phone number typed without one is in (91: India).</summary>
    public string PhoneCountryCode { get; set; } = "91";

    /// <summary>Where generated files (SQLite database, data-protection keys) live, relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    public AdminOptions Admin { get; set; } = new();

    public JwtOptions Jwt { get; set; } = new();
}

public sealed class AdminOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}

public sealed class JwtOptions
{
    /// <summary>Base64 key of at least 32 bytes. When empty, a key is generated on first run and kept in the database.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "dashboard";

    public string Audience { get; set; } = "dashboard-apps";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);
}
