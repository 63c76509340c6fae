namespace Dashboard.Users;

/// <summary>The customer a Customer user is linked to, as the picker shows it.</summary>
public sealed record CustomerChoice(Guid Id, string Name);
